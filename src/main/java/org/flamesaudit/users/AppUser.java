package org.flamesaudit.users;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.envers.Audited;
import org.hibernate.envers.NotAudited;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * An account the admin manages (the server's realm of database accounts, users.realm, reads it): a bcrypt password,
 * its roles and whether it may log in. Envers keeps every revision, without the password hash.
 */
@Entity
@Table(name = "app_user")
@Audited
public class AppUser {

    @Id
    private String username;

    @NotAudited
    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @NotAudited
    @Column(nullable = false)
    private String salt;

    @NotAudited
    @Column(nullable = false)
    private int iterations;

    /** Sorted, comma-separated. */
    @Column(nullable = false)
    private String roles;

    /** A wrapper: Envers reads a deleted account's last revision with every column null. */
    @Column(nullable = false)
    private Boolean enabled;

    @Column(name = "password_changed_at", nullable = false)
    private Instant passwordChangedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    protected AppUser() {
    }

    AppUser(String username, BcryptHash password, Collection<String> roles, boolean enabled, String by) {
        this.username = username;
        this.createdAt = Instant.now();
        this.createdBy = by;
        this.enabled = enabled;
        setPassword(password, by);
        setRoles(roles, by);
    }

    void setPassword(BcryptHash password, String by) {
        this.passwordHash = password.hash();
        this.salt = password.salt();
        this.iterations = password.cost();
        this.passwordChangedAt = Instant.now();
        touched(by);
    }

    void setRoles(Collection<String> roles, String by) {
        this.roles = String.join(",", new TreeSet<>(roles));
        touched(by);
    }

    void setEnabled(boolean enabled, String by) {
        this.enabled = enabled;
        touched(by);
    }

    private void touched(String by) {
        this.updatedAt = Instant.now();
        this.updatedBy = by;
    }

    public String getUsername() { return username; }
    public List<String> getRoles() { return roles == null || roles.isEmpty() ? List.of() : Arrays.asList(roles.split(",")); }
    public boolean isEnabled() { return Boolean.TRUE.equals(enabled); }
    public Instant getPasswordChangedAt() { return passwordChangedAt; }
    public Instant getCreatedAt() { return createdAt; }
    public String getCreatedBy() { return createdBy; }
    public Instant getUpdatedAt() { return updatedAt; }
    public String getUpdatedBy() { return updatedBy; }
}
