package org.plenum.server.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI document, kept by hand in {@code openapi.json} beside this class; a test checks that it
 * names exactly the operations Jersey serves, so it cannot drift from the code.
 */
@Path("openapi.json")
public class OpenApiResource {

    private static final byte[] DOCUMENT = load();

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public byte[] document() {
        return DOCUMENT;
    }

    private static byte[] load() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the server jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
