package org.flamesaudit.auditlog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.hibernate.envers.RevisionEntity;
import org.hibernate.envers.RevisionNumber;
import org.hibernate.envers.RevisionTimestamp;

/** One Hibernate Envers revision: a transaction that changed audited entities, when, and by whom. */
@Entity
@Table(name = "revision_info")
@RevisionEntity(UserRevisionListener.class)
public class RevisionInfo {

    @Id
    @SequenceGenerator(name = "revision_info_seq", sequenceName = "revision_info_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "revision_info_seq")
    @RevisionNumber
    private long id;

    @RevisionTimestamp
    @Column(name = "revision_at", nullable = false)
    private long revisionAt;

    @Column(nullable = false)
    private String username;

    public long getId() {
        return id;
    }

    public long getRevisionAt() {
        return revisionAt;
    }

    public String getUsername() {
        return username;
    }

    void setUsername(String username) {
        this.username = username;
    }
}
