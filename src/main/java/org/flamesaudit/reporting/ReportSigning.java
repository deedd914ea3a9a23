package org.flamesaudit.reporting;

import jakarta.enterprise.context.ApplicationScoped;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.flamesaudit.keys.CredentialStoreKeys;
import org.flamesaudit.support.AppConfig;
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.Setting;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

/**
 * The organisation's report signing key (issue 23): a PKCS#12 keystore ({@code FLAMES_SIGNING_KEYSTORE}, default
 * {@code flames-report-signing.p12} in the data directory) whose password is in the server's Elytron credential store
 * under the alias {@value #PASSWORD_ALIAS}. At the first signature without a keystore, a self-signed RSA-3072 key is
 * created for the demo and logged as such; the README says how to install a real one. Without a credential store
 * password ({@code FLAMES_CREDENTIAL_STORE_PASSWORD}) reports are not signed and the server warns once.
 */
@ApplicationScoped
public class ReportSigning {

    /** The credential store alias of the keystore's password (reserved: no request may name it as an API key). */
    public static final String PASSWORD_ALIAS = "report-signing";


    private static final ReportingLogger LOG = Logger.getMessageLogger(MethodHandles.lookup(), ReportingLogger.class,
            ReportSigning.class.getName());

    private PdfSigner signer;
    private boolean warned;

    /**
     * The report signed with the organisation's key, or as it is when signing is not configured.
     *
     * @throws ConfigurationException when a keystore exists but its password is not in the credential store, or the
     *                                keystore holds no signing key
     */
    public byte[] sign(byte[] pdf, String reportId) {
        PdfSigner s = signer();
        return s == null ? pdf : s.sign(pdf, "Flames Audit report " + reportId, Calendar.getInstance());
    }

    /**
     * A detached CMS signature of {@code content} with the organisation's key (a bundle's manifest), or null when
     * signing is not configured.
     */
    public byte[] signDetached(byte[] content) {
        PdfSigner s = signer();
        return s == null ? null : s.signDetached(content);
    }

    /** The signer's certificate, or null when reports are not signed. */
    public X509Certificate certificate() {
        PdfSigner s = signer();
        return s == null ? null : s.certificate();
    }

    private synchronized PdfSigner signer() {
        if (signer != null) {
            return signer;
        }
        CredentialStoreKeys store = CredentialStoreKeys.shared();
        if (!store.configured()) {
            if (!warned) {
                LOG.reportsUnsigned();
                warned = true;
            }
            return null;
        }
        Path keystore = Setting.SIGNING_KEYSTORE.value().map(Path::of)
                .orElseGet(() -> AppConfig.dataDir().resolve("flames-report-signing.p12")).toAbsolutePath();
        String password = store.retrieve(PASSWORD_ALIAS);
        try {
            if (!Files.exists(keystore)) {
                if (password != null) {
                    throw new ConfigurationException(Setting.SIGNING_KEYSTORE.label(), "names " + keystore
                            + ", which does not exist, while the credential store holds its password under the alias "
                            + PASSWORD_ALIAS + ": restore the keystore, or remove the alias to create a new demo key");
                }
                byte[] seed = new byte[24];
                new SecureRandom().nextBytes(seed);
                password = HexFormat.of().formatHex(seed);
                X509Certificate cert = createSelfSigned(keystore, password.toCharArray());
                store.store(PASSWORD_ALIAS, password);
                LOG.selfSignedKeyCreated(keystore, cert.getSubjectX500Principal().getName(), fingerprint(cert),
                        PASSWORD_ALIAS);
            } else if (password == null) {
                throw new ConfigurationException(Setting.SIGNING_KEYSTORE.label(), keystore + " exists but the "
                        + "credential store holds no password for it under the alias " + PASSWORD_ALIAS + " (PUT "
                        + "/api/secrets/" + PASSWORD_ALIAS + " as admin, or elytron-tool)");
            }
            signer = load(keystore, password.toCharArray(), timestampAuthority());
            X509Certificate cert = signer.certificate();
            LOG.signingKeyLoaded(cert.getSubjectX500Principal().getName(), fingerprint(cert), cert.getNotAfter(),
                    keystore);
            return signer;
        } catch (IOException | GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new ConfigurationException(Setting.SIGNING_KEYSTORE.label(), "the report signing keystore " + keystore
                    + " cannot be used: " + e.getMessage());
        }
    }

    /** Loads the first key with a certificate chain from a PKCS#12 keystore. */
    /**
     * The RFC 3161 authority of {@code FLAMES_TSA_URL}, or null when unset.
     *
     * @throws ConfigurationException when the setting is not an http(s) URL
     */
    static TimestampAuthority timestampAuthority() {
        return Setting.TSA_URL.value().map(String::strip).filter(v -> !v.isEmpty()).map(v -> {
            try {
                java.net.URI uri = java.net.URI.create(v);
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                    return new TimestampAuthority(uri);
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            throw new ConfigurationException(Setting.TSA_URL.label(), "\"" + v + "\" is not an http or https URL "
                    + "of an RFC 3161 time-stamping authority");
        }).orElse(null);
    }

    static PdfSigner load(Path keystore, char[] password) throws IOException, GeneralSecurityException {
        return load(keystore, password, null);
    }

    static PdfSigner load(Path keystore, char[] password, TimestampAuthority tsa)
            throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, password);
        }
        for (String alias : java.util.Collections.list(ks.aliases())) {
            if (ks.isKeyEntry(alias) && ks.getCertificateChain(alias) != null) {
                List<X509Certificate> chain = new ArrayList<>();
                for (Certificate c : ks.getCertificateChain(alias)) {
                    chain.add((X509Certificate) c);
                }
                String subject = chain.get(0).getSubjectX500Principal().getName();
                return new PdfSigner((PrivateKey) ks.getKey(alias, password), chain, subject, tsa);
            }
        }
        throw new GeneralSecurityException("it holds no private key with a certificate chain");
    }

    /** A self-signed RSA-3072 signing certificate, valid for ten years, stored in a new PKCS#12 keystore. */
    static X509Certificate createSelfSigned(Path keystore, char[] password)
            throws IOException, GeneralSecurityException, org.bouncycastle.operator.OperatorCreationException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(3072);
        KeyPair pair = gen.generateKeyPair();
        X500Name name = new X500Name("CN=Flames Audit report signing (self-signed demo key), O=Flames Audit");
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(3650, ChronoUnit.DAYS)), name,
                pair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                        | KeyUsage.nonRepudiation));
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("report-signing", pair.getPrivate(), password, new Certificate[]{cert});
        Files.createDirectories(keystore.getParent());
        Path tmp = Files.createTempFile(keystore.getParent(), "signing", ".p12");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            ks.store(out, password);
        }
        Files.move(tmp, keystore, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return cert;
    }

    /** The SHA-256 of a certificate, hex, as {@code openssl x509 -fingerprint -sha256} prints it without colons. */
    public static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(cert.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
