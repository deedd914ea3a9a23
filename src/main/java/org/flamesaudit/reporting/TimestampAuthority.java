package org.flamesaudit.reporting;

import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * A time-stamping authority (RFC 3161, "Internet X.509 PKI Time-Stamp Protocol"): asked over HTTP (RFC 3161 section
 * 3.4, {@code application/timestamp-query}) for a token over the SHA-256 of a signature's value, which the signature
 * then carries as its {@code signature-time-stamp} unsigned attribute (RFC 3161 appendix A; ETSI EN 319 122-1 and
 * 319 142-1 level B-T). The token proves the signature existed at its time, whatever the signer's clock said.
 * Each token is checked to be signed by the time-stamping certificate it carries; whether that certificate is one to
 * trust is for the verifier (pdfsig, Adobe) to decide from its trust store.
 * Configured by {@code FLAMES_TSA_URL}; without it, signatures carry no timestamp.
 */
public final class TimestampAuthority {

    /** How long one request to the authority may take, connection included. */
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final URI url;
    private final HttpClient http;
    private final SecureRandom random = new SecureRandom();

    public TimestampAuthority(URI url) {
        this.url = url;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
                .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade over plain http (see JsonHttpCall)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public URI url() {
        return url;
    }

    /**
     * A timestamp token (DER) over {@code signatureValue}: requested with a random nonce and the authority's
     * certificate, and checked to answer this request (status granted, same imprint and nonce).
     *
     * @throws IllegalStateException naming the authority when it cannot be reached, refuses, or answers something
     *                               that is not a token for this request
     */
    public byte[] token(byte[] signatureValue) {
        try {
            byte[] imprint = MessageDigest.getInstance("SHA-256").digest(signatureValue);
            TimeStampRequestGenerator gen = new TimeStampRequestGenerator();
            gen.setCertReq(true);
            TimeStampRequest request = gen.generate(NISTObjectIdentifiers.id_sha256, imprint,
                    new BigInteger(64, random));
            HttpResponse<byte[]> reply = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT)
                    .header("Content-Type", "application/timestamp-query")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (reply.statusCode() != 200) {
                throw refused("answered HTTP " + reply.statusCode());
            }
            TimeStampResponse response = new TimeStampResponse(reply.body());
            response.validate(request);
            TimeStampToken token = response.getTimeStampToken();
            if (token == null) {
                throw refused("granted no token (status " + response.getStatus() + ": " + response.getStatusString()
                        + ")");
            }
            // the token's signature, by the certificate it carries, which must be a time-stamping one (critical
            // extended key usage id-kp-timeStamping, RFC 3161 section 2.3)
            var certificates = token.getCertificates().getMatches(token.getSID());
            if (certificates.isEmpty()) {
                throw refused("sent a token without the certificate that signed it");
            }
            token.validate(new org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder()
                    .build((org.bouncycastle.cert.X509CertificateHolder) certificates.iterator().next()));
            return token.getEncoded();
        } catch (IOException e) {
            throw refused("could not be reached or read: " + e.getMessage());
        } catch (TSPException e) {
            throw refused("answered a token that does not match the request or is not validly signed by a "
                    + "time-stamping certificate: " + e.getMessage());
        } catch (org.bouncycastle.operator.OperatorCreationException | java.security.cert.CertificateException e) {
            throw refused("sent a certificate that cannot check its token: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw refused("was interrupted");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private IllegalStateException refused(String what) {
        return new IllegalStateException("the timestamp authority " + url + " (FLAMES_TSA_URL) " + what + "; the "
                + "report was not issued: fix or unset the setting");
    }
}
