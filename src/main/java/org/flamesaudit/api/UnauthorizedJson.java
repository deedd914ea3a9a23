package org.flamesaudit.api;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The body of every 401 (web.xml's error page for that status): a JSON error with a stable code like every other API
 * error, instead of the servlet container's HTML page. The status and the {@code WWW-Authenticate} challenge set by
 * the authentication mechanism stay as they are. It says nothing about whether the account exists.
 */
@WebServlet("/errors/unauthorized")
public class UnauthorizedJson extends HttpServlet {

    static final String BODY = "{\"error\":\"authentication required: send the user name and password of a Flames "
            + "Audit account (HTTP Basic)\",\"code\":\"unauthorized\"}";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getDispatcherType() != jakarta.servlet.DispatcherType.ERROR) {
            // asked for directly: not a page (a 401 here would count a right password as a wrong one)
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(BODY);
    }
}
