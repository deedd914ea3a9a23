package org.flamesaudit.reporting;

import com.sun.net.httpserver.HttpServer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Calendar;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * RFC 3161 timestamps on report signatures, against a time-stamping authority run here with Bouncy Castle's own
 * token generator: the signature carries the authority's token as its signature-time-stamp attribute, the token
 * verifies with the authority's certificate and stamps the SHA-256 of the signature value, the PDF still validates
 * in pdfsig, and an authority that refuses makes the signing fail with its URL named.
 */
class TimestampAuthorityTest {

    static HttpServer tsa;
    static X509Certificate tsaCert;
    static final AtomicInteger status = new AtomicInteger(200);

    @BeforeAll
    static void startAuthority() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair keys = gen.generateKeyPair();
        X500Name name = new X500Name("CN=Test TSA, O=Flames Audit tests");
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(30, ChronoUnit.DAYS)), name,
                keys.getPublic());
        b.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
        tsaCert = new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(
                "SHA256withRSA").build(keys.getPrivate())));
        TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(new JcaSimpleSignerInfoGeneratorBuilder()
                .build("SHA256withRSA", keys.getPrivate(), tsaCert), new JcaDigestCalculatorProviderBuilder().build()
                .get(new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                        org.bouncycastle.asn1.oiw.OIWObjectIdentifiers.idSHA1)),
                new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"));
        tokens.addCertificates(new JcaCertStore(List.of(tsaCert)));
        TimeStampResponseGenerator responses = new TimeStampResponseGenerator(tokens, Set.of(TSPAlgorithms.SHA256));
        AtomicInteger serial = new AtomicInteger();
        tsa = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tsa.createContext("/tsa", exchange -> {
            byte[] body;
            try {
                TimeStampRequest request = new TimeStampRequest(exchange.getRequestBody().readAllBytes());
                body = responses.generate(request, BigInteger.valueOf(serial.incrementAndGet()), new Date())
                        .getEncoded();
            } catch (Exception e) {
                body = new byte[0];
            }
            exchange.getResponseHeaders().add("Content-Type", "application/timestamp-reply");
            int code = status.get();
            exchange.sendResponseHeaders(code, code == 200 ? body.length : -1);
            if (code == 200) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        tsa.start();
        PdfSignerTest.selfSigned();
    }

    @AfterAll
    static void stop() {
        tsa.stop(0);
    }

    private static URI url() {
        return URI.create("http://127.0.0.1:" + tsa.getAddress().getPort() + "/tsa");
    }

    @Test
    void theSignatureCarriesAVerifiableTokenOverItsValue() throws Exception {
        status.set(200);
        PdfSigner signer = new PdfSigner(PdfSignerTest.keys.getPrivate(), List.of(PdfSignerTest.cert),
                "Flames Audit", new TimestampAuthority(url()));
        byte[] signed = signer.sign(PdfSignerTest.onePagePdf(), "Flames Audit report FA-1-ts", Calendar.getInstance());
        assertThat(PdfSignerTest.verify(signed)).isTrue();
        try (PDDocument doc = Loader.loadPDF(signed)) {
            PDSignature sig = doc.getLastSignatureDictionary();
            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(sig.getSignedContent(signed)),
                    sig.getContents(signed));
            SignerInformation info = cms.getSignerInfos().getSigners().iterator().next();
            AttributeTable unsigned = info.getUnsignedAttributes();
            assertThat(unsigned).isNotNull();
            var attribute = unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
            assertThat(attribute).isNotNull();
            TimeStampToken token = new TimeStampToken(new CMSSignedData(attribute.getAttrValues().getObjectAt(0)
                    .toASN1Primitive().getEncoded()));
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsaCert));
            assertThat(token.getTimeStampInfo().getMessageImprintDigest())
                    .isEqualTo(MessageDigest.getInstance("SHA-256").digest(info.getSignature()));
            assertThat(token.getTimeStampInfo().getGenTime()).isCloseTo(new Date(), 60_000);
        }
        Path file = Files.createDirectories(Path.of("target", "test-reports")).resolve("signed-timestamped-test.pdf");
        Files.write(file, signed);
        if (Files.isExecutable(Path.of("/usr/bin/pdfsig"))) {
            assertThat(PdfSignerTest.pdfsig(file)).contains("Signature Validation: Signature is Valid.");
        }
        // a bundle manifest's detached signature carries one too
        byte[] manifest = "{\"format\":\"flames-audit-bundle/1\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        CMSSignedData detached = new CMSSignedData(new CMSProcessableByteArray(manifest), signer.signDetached(manifest));
        assertThat(detached.getSignerInfos().getSigners().iterator().next().getUnsignedAttributes()
                .get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken)).isNotNull();
    }

    @Test
    void anAuthorityThatRefusesFailsTheSigningWithItsUrlNamed() throws Exception {
        status.set(503);
        try {
            PdfSigner signer = new PdfSigner(PdfSignerTest.keys.getPrivate(), List.of(PdfSignerTest.cert),
                    "Flames Audit", new TimestampAuthority(url()));
            byte[] pdf = PdfSignerTest.onePagePdf();
            assertThatThrownBy(() -> signer.sign(pdf, "r", Calendar.getInstance()))
                    .hasMessageContaining("the timestamp authority " + url() + " (FLAMES_TSA_URL) answered HTTP 503");
        } finally {
            status.set(200);
        }
    }
}
