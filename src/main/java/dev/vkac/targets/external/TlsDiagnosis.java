package dev.vkac.targets.external;

import dev.vkac.clients.Tls;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** What the pre-flight tells of a TLS connection that failed: the certificate presented, the CA file's subjects. */
final class TlsDiagnosis {

    private TlsDiagnosis() {}

    /** The certificate the server presents, read without verifying it (nothing is sent over this connection). */
    static String presentedChain(URI address) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AcceptAnything()}, null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory()
                    .createSocket(address.getHost(), address.getPort() < 0 ? 443 : address.getPort())) {
                socket.setSoTimeout(10_000);
                socket.startHandshake();
                Certificate[] chain = socket.getSession().getPeerCertificates();
                X509Certificate leaf = (X509Certificate) chain[0];
                return "subject " + leaf.getSubjectX500Principal().getName() + ", issued by "
                        + leaf.getIssuerX500Principal().getName();
            }
        } catch (Exception e) {
            return "(could not be read: " + e.getMessage() + ")";
        }
    }

    static String subjects(String caPem) {
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)));
            return certificates.stream()
                    .map(c -> ((X509Certificate) c).getSubjectX500Principal().getName())
                    .collect(Collectors.joining("; "));
        } catch (Exception e) {
            Tls.trustStore(caPem); // names what is wrong with the file
            return "(unreadable)";
        }
    }

    static boolean causedBy(Throwable e, Class<? extends Throwable> kind) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (kind.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Trusts any certificate: used only to read the one a server presents when verifying it failed. */
    private static final class AcceptAnything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
