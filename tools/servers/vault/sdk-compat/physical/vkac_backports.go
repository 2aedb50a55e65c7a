// Copyright (c) HashiCorp, Inc.
// SPDX-License-Identifier: MPL-2.0
//
// Code copied from github.com/hashicorp/vault/sdk v0.11.0 (MPL-2.0): symbols that Vault 1.14.8 uses and
// that its in-tree sdk had, but the published sdk v0.9.2 lacks. See ../README.md.

package physical

import "context"

type FencingHABackend interface {
	HABackend

	RegisterActiveNodeLock(l Lock) error
}

type unfencedWriteContextKeyType string

const unfencedWriteContextKey unfencedWriteContextKeyType = "vault-disable-fencing"

func UnfencedWriteCtx(ctx context.Context) context.Context {
	return context.WithValue(ctx, unfencedWriteContextKey, true)
}

func IsUnfencedWrite(ctx context.Context) bool {
	isUnfenced, ok := ctx.Value(unfencedWriteContextKey).(bool)
	return ok && isUnfenced
}
