module vault-k8s-auth-conformance/tools/mutation

go 1.26
