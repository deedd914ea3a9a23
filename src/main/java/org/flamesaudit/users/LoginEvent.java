package org.flamesaudit.users;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.flamesaudit.support.Texts;

import java.time.Instant;

/**
 * An entry of the audit log about logging in: a wrong password (FAILED), a wait it started (THROTTLED: attempts of the
 * account from the address are refused for {@code waitSeconds}), or an admin forgetting an account's failures
 * (UNLOCKED, {@code byUser} the admin). Passwords are never recorded, right or wrong.
 */
@Entity
@Table(name = "login_event")
public class LoginEvent {

    public enum Action { FAILED, THROTTLED, UNLOCKED }

    @Id
    @SequenceGenerator(name = "login_event_seq", sequenceName = "login_event_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "login_event_seq")
    private Long id;

    @Column(nullable = false)
    private Instant at;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Action action;

    @Column(nullable = false, length = 200)
    private String username;

    @Column(length = 100)
    private String address;

    private Integer failures;

    @Column(name = "wait_seconds")
    private Long waitSeconds;

    @Column(name = "by_user", length = 200)
    private String byUser;

    @Column(name = "node_name", nullable = false, length = 200)
    private String nodeName;

    protected LoginEvent() {
    }

    public LoginEvent(Instant at, Action action, String username, String address, Integer failures, Long waitSeconds,
                      String byUser, String nodeName) {
        this.at = at;
        this.action = action;
        this.username = Texts.fit(username, 200);
        this.address = address == null ? null : Texts.fit(address, 100);
        this.failures = failures;
        this.waitSeconds = waitSeconds;
        this.byUser = byUser;
        this.nodeName = nodeName;
    }

    public Long getId() { return id; }
    public Instant getAt() { return at; }
    public Action getAction() { return action; }
    public String getUsername() { return username; }
    public String getAddress() { return address; }
    public Integer getFailures() { return failures; }
    public Long getWaitSeconds() { return waitSeconds; }
    public String getByUser() { return byUser; }
    public String getNodeName() { return nodeName; }
}
