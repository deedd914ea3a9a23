package org.flamesaudit.alert;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.nio.charset.StandardCharsets;

/**
 * One e-mail alert: a plain-text message (UTF-8) to {@code to} through the server's mail session, the subject naming
 * the event and the run, the text the alert's figures. Sent, or failed with the mail server's answer.
 */
public record MailDelivery(Session session, java.util.List<String> to, AlertEvent event, String id, String subject,
                           String text) implements Alerts.Delivery {

    @Override
    public WebhookDelivery.Outcome send() {
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(); // the session's "from" (FLAMES_MAIL_FROM, configure-mail.cli)
            for (String a : to) {
                m.addRecipient(Message.RecipientType.TO, new InternetAddress(a, true));
            }
            m.setSubject(subject, StandardCharsets.UTF_8.name());
            m.setText(text, StandardCharsets.UTF_8.name());
            m.setHeader("X-Flames-Delivery", id);
            m.setHeader("X-Flames-Event", event.label());
            Transport.send(m);
            return new WebhookDelivery.Outcome(250, null);
        } catch (MessagingException e) {
            return new WebhookDelivery.Outcome(0, "the mail server refused or cannot be reached: " + e.getMessage());
        }
    }

    @Override
    public String describe() {
        return "e-mail to " + String.join(", ", to);
    }

    @Override
    public String toString() {
        return "MailDelivery[" + describe() + ", " + event.label() + ", " + id + "]";
    }
}
