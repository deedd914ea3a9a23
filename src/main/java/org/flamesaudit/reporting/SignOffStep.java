package org.flamesaudit.reporting;

/**
 * The steps of a report's sign-off, in order: a draft (no step yet) is {@link #REVIEWED} by a reviewer, then
 * {@link #APPROVED} by an approver. Who may do each is a role (the API checks it); nobody signs a report of an audit
 * they started, and the approver is not the reviewer (four eyes, as a formal assessment report's 编制/审核/批准 asks).
 */
public enum SignOffStep {

    /** Checked by a reviewer (role {@code reviewer}): 审核. */
    REVIEWED("review"),
    /** Released by an approver (role {@code approver}): 批准. */
    APPROVED("approve");

    private final String verb;

    SignOffStep(String verb) {
        this.verb = verb;
    }

    /** The step as the API names it: "review" or "approve". */
    public String verb() {
        return verb;
    }

    /** The step the API calls {@code verb}, or null. */
    public static SignOffStep ofVerb(String verb) {
        for (SignOffStep s : values()) {
            if (s.verb.equals(verb)) {
                return s;
            }
        }
        return null;
    }
}
