package org.flamesaudit.reporting;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Calendar;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 23: a signed report validates (PDFBox and BC verify the CMS over the signed ranges; poppler's pdfsig says the
 * signature is valid) and a copy with one changed byte does not.
 */
class PdfSignerTest {

    static KeyPair keys;
    static X509Certificate cert;

    @BeforeAll
    static void selfSigned() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        keys = gen.generateKeyPair();
        X500Name name = new X500Name("CN=Flames Audit test signer, O=Flames Audit");
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(365, ChronoUnit.DAYS)), name,
                keys.getPublic());
        cert = new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA")
                .build(keys.getPrivate())));
    }

    static byte[] onePagePdf() throws Exception {
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    @Test
    void theSignatureCoversTheWholeFileAndAChangedByteBreaksIt() throws Exception {
        byte[] pdf = onePagePdf();
        PdfSigner signer = new PdfSigner(keys.getPrivate(), List.of(cert), "Flames Audit");
        byte[] signed = signer.sign(pdf, "Flames Audit report FA-1-test", Calendar.getInstance());
        // an incremental update: the original file is kept byte for byte
        assertThat(java.util.Arrays.copyOf(signed, pdf.length)).isEqualTo(pdf);
        assertThat(verify(signed)).isTrue();
        byte[] changed = signed.clone();
        int at = pdf.length / 2; // inside the first signed range
        changed[at] ^= 1;
        assertThat(verify(changed)).isFalse();

        Path dir = Files.createDirectories(Path.of("target", "test-reports"));
        Path good = dir.resolve("signed-test.pdf");
        Path bad = dir.resolve("signed-changed-test.pdf");
        Files.write(good, signed);
        Files.write(bad, changed);
        if (Files.isExecutable(Path.of("/usr/bin/pdfsig"))) {
            assertThat(pdfsig(good)).contains("Signature Validation: Signature is Valid.",
                    "Signature Type: ETSI.CAdES.detached", "Signer Certificate Common Name: Flames Audit test signer");
            assertThat(pdfsig(bad)).doesNotContain("Signature is Valid.");
        }
    }

    /** PDFBox finds the signature; Bouncy Castle checks its CMS over the signed byte ranges. */
    static boolean verify(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDSignature sig = doc.getLastSignatureDictionary();
            byte[] content = sig.getSignedContent(pdf);
            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(content), sig.getContents(pdf));
            var signerInfo = cms.getSignerInfos().getSigners().iterator().next();
            return signerInfo.verify(new JcaSimpleSignerInfoVerifierBuilder().build(cert))
                    && signerInfo.getSignedAttributes().get(
                    org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_aa_signingCertificateV2) != null;
        } catch (org.bouncycastle.cms.CMSSignerDigestMismatchException e) {
            return false;
        } catch (org.bouncycastle.cms.CMSException | java.io.IOException e) {
            return false;
        }
    }

    static String pdfsig(Path file) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/pdfsig", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    /** The demo key: a self-signed certificate in a new PKCS#12 keystore, loaded back as a working signer. */
    @Test
    void aCreatedDemoKeystoreLoadsAndSigns() throws Exception {
        Path dir = Files.createTempDirectory("flames-signing");
        Path keystore = dir.resolve("sub").resolve("signing.p12");
        X509Certificate created = ReportSigning.createSelfSigned(keystore, "pw-123456".toCharArray());
        assertThat(created.getSubjectX500Principal().getName()).contains("self-signed demo key");
        PdfSigner loaded = ReportSigning.load(keystore, "pw-123456".toCharArray());
        assertThat(loaded.certificate()).isEqualTo(created);
        assertThat(ReportSigning.fingerprint(created)).matches("[0-9a-f]{64}");
        byte[] signed = loaded.sign(onePagePdf(), "test", Calendar.getInstance());
        cert = created;
        try {
            assertThat(verify(signed)).isTrue();
        } finally {
            selfSigned();
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReportSigning.load(keystore, "wrong".toCharArray()))
                .isInstanceOf(java.io.IOException.class);
        assertThat(org.flamesaudit.support.JsonFields.RESERVED_ALIASES).contains(ReportSigning.PASSWORD_ALIAS);
    }
}
