package org.flamesaudit.keys;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.envers.Audited;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The registration of one API key (by {@link KeyReference}): the endpoints an admin allows it to be sent to and when
 * an alias's key was last set. Envers keeps every revision for the audit log; no column ever holds the key.
 */
@Entity
@Table(name = "api_key")
@Audited
public class ApiKey {

    @Id
    @Column(name = "key_ref")
    private String keyRef;

    /** Canonical endpoints ({@link KeyEndpoint#toString()}), sorted, one per line. */
    @Column(nullable = false, length = 4000)
    private String endpoints;

    @Column(name = "key_set_at")
    private Instant keySetAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    protected ApiKey() {
    }

    ApiKey(KeyReference ref, Collection<KeyEndpoint> endpoints, String by) {
        this.keyRef = ref.id();
        this.createdAt = Instant.now();
        this.createdBy = by;
        setEndpoints(endpoints, by);
    }

    void setEndpoints(Collection<KeyEndpoint> endpoints, String by) {
        TreeSet<String> sorted = new TreeSet<>();
        endpoints.forEach(e -> sorted.add(e.toString()));
        this.endpoints = String.join("\n", sorted);
        touched(by);
    }

    void keySet(String by) {
        this.keySetAt = Instant.now();
        touched(by);
    }

    private void touched(String by) {
        this.updatedAt = Instant.now();
        this.updatedBy = by;
    }

    public KeyReference getReference() { return KeyReference.fromId(keyRef); }
    public String getKeyRef() { return keyRef; }
    /** The canonical endpoints, sorted; empty for a deleted revision. */
    public List<String> getEndpoints() {
        return endpoints == null || endpoints.isEmpty() ? List.of() : Arrays.asList(endpoints.split("\n"));
    }
    public List<KeyEndpoint> endpoints() {
        return getEndpoints().stream().map(e -> KeyEndpoint.parse(e, "endpoints")).toList();
    }
    public Instant getKeySetAt() { return keySetAt; }
    public Instant getCreatedAt() { return createdAt; }
    public String getCreatedBy() { return createdBy; }
    public Instant getUpdatedAt() { return updatedAt; }
    public String getUpdatedBy() { return updatedBy; }
}
