package org.tanyapustaka.gateway.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Meta's Graph API send endpoint, {@code POST {base}/{version}/{phone-number-id}/messages}. */
@RegisterRestClient(configKey = "whatsapp-graph")
@Path("/{version}/{phoneNumberId}/messages")
public interface GraphApiClient {

    /** Returns the raw response: Meta's success JSON or its error JSON, with the HTTP status. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response send(@PathParam("version") String version, @PathParam("phoneNumberId") String phoneNumberId,
            @HeaderParam("Authorization") String authorization, JsonNode body);
}
