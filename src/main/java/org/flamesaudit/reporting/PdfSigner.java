package org.flamesaudit.reporting;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Calendar;
import java.util.List;

/**
 * Signs a PDF report with a PAdES baseline B signature (ETSI EN 319 142-1): an incremental update that adds a
 * detached CMS signature ({@code /SubFilter /ETSI.CAdES.detached}) over the whole file but the signature itself,
 * SHA-256 with RSA, carrying the signer's certificate chain and the ESS signing-certificate-v2 attribute that binds
 * the certificate to the signature (RFC 5035). Any changed byte outside the signature's own contents makes it invalid
 * (checked by {@code pdfsig} from poppler in {@code PdfSignerTest}). Sources: PDFBox's signing examples
 * (CreateSignature, CreateSignatureBase), ETSI EN 319 142-1 section 5.
 */
public final class PdfSigner {

    /** Room reserved in the file for the CMS (bytes): a chain of a few certificates and, later, a timestamp token. */
    private static final int SIGNATURE_SIZE = 32 * 1024;

    private final PrivateKey key;
    private final List<X509Certificate> chain;
    private final String signerName;
    private final TimestampAuthority tsa;

    /** A signer without timestamps. */
    public PdfSigner(PrivateKey key, List<X509Certificate> chain, String signerName) {
        this(key, chain, signerName, null);
    }

    /**
     * @param key        the signing key (RSA)
     * @param chain      the signer's certificate first, then its issuers
     * @param signerName who signs, as the signature's /Name shows it (the organisation)
     * @param tsa        the RFC 3161 authority whose token each signature carries, or null for none
     */
    public PdfSigner(PrivateKey key, List<X509Certificate> chain, String signerName, TimestampAuthority tsa) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a signing certificate is needed");
        }
        this.key = key;
        this.chain = List.copyOf(chain);
        this.signerName = signerName;
        this.tsa = tsa;
    }

    /** The signer's certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /**
     * The PDF with the signature added as an incremental update (the original bytes are kept as they are, followed
     * by the signature's objects).
     *
     * @param reason   why it is signed ("Flames Audit report FA-...")
     * @param signedAt the signing time written in the signature dictionary
     * @throws IllegalStateException when the PDF cannot be read or the signature cannot be made
     */
    public byte[] sign(byte[] pdf, String reason, Calendar signedAt) {
        try (PDDocument doc = Loader.loadPDF(pdf); SignatureOptions options = new SignatureOptions()) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
            signature.setName(signerName);
            signature.setReason(reason);
            signature.setSignDate(signedAt);
            options.setPreferredSignatureSize(SIGNATURE_SIZE);
            doc.addSignature(signature, this::cms, options);
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + SIGNATURE_SIZE * 2 + 4096);
            doc.saveIncremental(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("signing the PDF report failed: " + e.getMessage(), e);
        }
    }

    /**
     * A detached CMS SignedData (CAdES, the same signed attributes as the PDF's) over {@code content}: the signature of
     * a reproduction bundle's manifest. {@code openssl cms -verify -binary -inform DER -in manifest.json.p7s -content
     * manifest.json -noverify} checks it.
     *
     * @throws IllegalStateException when the signature cannot be made
     */
    public byte[] signDetached(byte[] content) {
        try {
            return cms(new java.io.ByteArrayInputStream(content));
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * The signed data with the authority's token over the signature value added as the signer's
     * signature-time-stamp unsigned attribute (RFC 3161 appendix A), as PDFBox's ValidationTimeStamp example does.
     */
    private CMSSignedData timestamped(CMSSignedData cms) throws IOException {
        org.bouncycastle.cms.SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
        byte[] token = tsa.token(signer.getSignature());
        Attribute stamp = new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                new DERSet(org.bouncycastle.asn1.ASN1Primitive.fromByteArray(token)));
        org.bouncycastle.cms.SignerInformation stamped = org.bouncycastle.cms.SignerInformation
                .replaceUnsignedAttributes(signer, new AttributeTable(stamp));
        return CMSSignedData.replaceSigners(cms, new org.bouncycastle.cms.SignerInformationStore(stamped));
    }

    /** The detached CMS SignedData over {@code content} (the signed byte ranges of the PDF): PDFBox calls it. */
    private byte[] cms(InputStream content) throws IOException {
        try {
            byte[] data = content.readAllBytes();
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(key);
            X509Certificate cert = certificate();
            ESSCertIDv2 certId = new ESSCertIDv2(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256),
                    MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
            Attribute signingCertificate = new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                    new DERSet(new SigningCertificateV2(new ESSCertIDv2[]{certId})));
            AttributeTable signed = new AttributeTable(signingCertificate);
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder()
                    .build()).setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(signed))
                    .build(signer, cert));
            gen.addCertificates(new JcaCertStore(chain));
            CMSSignedData cmsData = gen.generate(new CMSProcessableByteArray(data), false);
            return (tsa == null ? cmsData : timestamped(cmsData)).getEncoded();
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException
                 | org.bouncycastle.cms.CMSException e) {
            throw new IOException("the CMS signature could not be made: " + e.getMessage(), e);
        }
    }
}
