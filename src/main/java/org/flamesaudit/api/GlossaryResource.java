package org.flamesaudit.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.flamesaudit.glossary.Glossary;

import java.util.List;

/**
 * The glossary ({@link Glossary}): every term in Simplified Chinese and English with its definitions and source. The
 * console reads its terms from here, so the console and the reports use the same words.
 */
@Path("/glossary")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class GlossaryResource {

    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER, Roles.ADMIN})
    public Bodies.Items<Glossary.Term> glossary() {
        return new Bodies.Items<>(Glossary.terms());
    }
}
