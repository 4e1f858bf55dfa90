package org.plenum.server.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import org.plenum.core.PlatformCore;
import org.plenum.core.access.Caller;
import org.plenum.core.error.Problem;

/** Base of the REST resources: the core's services and the authenticated caller of this request. */
abstract class ApiResource {

    @Inject
    PlatformCore core;

    @Context
    HttpHeaders headers;

    Caller caller() {
        return core.authenticator.authenticate(headers.getHeaderString(HttpHeaders.AUTHORIZATION));
    }

    boolean hasAuthorization() {
        String h = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        return h != null && !h.isBlank();
    }

    static <T> T required(T body) {
        if (body == null) {
            throw Problem.invalid("a JSON request body is required");
        }
        return body;
    }
}
