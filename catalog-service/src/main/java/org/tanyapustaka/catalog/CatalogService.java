package org.tanyapustaka.catalog;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/**
 * The catalog service: bibliographic records and copies, imports, search, and the catalogue answers patrons get
 * on WhatsApp. This release migrates its database and reports its health; the catalogue arrives with its issue.
 */
@OpenAPIDefinition(info = @Info(title = "Tanya Pustaka catalog", version = "1.0"))
public final class CatalogService {

    private CatalogService() {
    }
}
