// openapi.h: the OpenAPI 3.0 description of `parley serve`'s endpoints,
// served at /api/openapi.json and summarised in README.md.
#ifndef PARLEY_SERVER_OPENAPI_H_
#define PARLEY_SERVER_OPENAPI_H_

namespace parley {

// The document, as JSON text.
const char* OpenApiJson();

}  // namespace parley

#endif  // PARLEY_SERVER_OPENAPI_H_
