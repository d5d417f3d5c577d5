// The OpenAPI document of `parley serve` (openapi.h). Keep it in step with
// server.cc: tests/e2e/serve_api.sh checks that every path listed here answers.
#include "server/openapi.h"

namespace parley {

const char* OpenApiJson() {
  return R"json({
 "openapi": "3.0.3",
 "info": {
  "title": "parley serve",
  "version": "0.1.0",
  "description": "A JSON API over a parley event store (SQLite or PostgreSQL): merged events, their evidence, aggregates for maps, timelines and actor networks, coding of posted articles, exports. Event records are those of `parley export --format jsonl` (docs/store.md). Errors are JSON objects {error, status}. Writes need `Authorization: Bearer TOKEN`."
 },
 "servers": [
  {
   "url": "/"
  }
 ],
 "paths": {
  "/healthz": {
   "get": {
    "summary": "liveness and store counts",
    "responses": {
     "200": {
      "description": "status, version, backend, articles, events, merged_events",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "503": {
      "description": "error",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    }
   }
  },
  "/api/openapi.json": {
   "get": {
    "summary": "this document",
    "responses": {
     "200": {
      "description": "OpenAPI 3.0 document",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     }
    }
   }
  },
  "/api/events": {
   "get": {
    "summary": "events matching the filters, a page at a time (merged by default, raw=1 for article events), in id order",
    "parameters": [
     {
      "$ref": "#/components/parameters/raw"
     },
     {
      "$ref": "#/components/parameters/from"
     },
     {
      "$ref": "#/components/parameters/to"
     },
     {
      "$ref": "#/components/parameters/actor"
     },
     {
      "$ref": "#/components/parameters/source_actor"
     },
     {
      "$ref": "#/components/parameters/target_actor"
     },
     {
      "$ref": "#/components/parameters/cameo"
     },
     {
      "$ref": "#/components/parameters/root"
     },
     {
      "$ref": "#/components/parameters/quad"
     },
     {
      "$ref": "#/components/parameters/place"
     },
     {
      "$ref": "#/components/parameters/country"
     },
     {
      "$ref": "#/components/parameters/text"
     },
     {
      "$ref": "#/components/parameters/doc"
     },
     {
      "name": "limit",
      "in": "query",
      "required": false,
      "description": "page size (default 50, at most 1000)",
      "schema": {
       "type": "integer",
       "minimum": 1,
       "maximum": 1000
      }
     },
     {
      "name": "cursor",
      "in": "query",
      "required": false,
      "description": "next_cursor of the previous page",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "count",
      "in": "query",
      "required": false,
      "description": "1: also return total, the number of matching events",
      "schema": {
       "type": "boolean"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "{events: [record], limit, next_cursor (null on the last page), total?}",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "400": {
      "description": "error",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "408": {
      "description": "error",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "414": {
      "description": "error",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    }
   }
  },
  "/api/events/{id}": {
   "get": {
    "summary": "one merged event with every contributing article event, its evidence sentence and span, rule, and the article's doc_id, title, source and url",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "{event: merged record, members: [{event: raw record, article: {doc_id, title, source, url, publish_date}, context: {sentence, span: [begin, end)} | null}]}",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "404": {
      "description": "error",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    }
   }
  },
  "/api/actors": {
   "get": {
    "summary": "per actor code: events as source and target, Goldstein sums; directed actor-to-actor edges",
    "parameters": [
     {
      "$ref": "#/components/parameters/raw"
     },
     {
      "$ref": "#/components/parameters/from"
     },
     {
      "$ref": "#/components/parameters/to"
     },
     {
      "$ref": "#/components/parameters/actor"
     },
     {
      "$ref": "#/components/parameters/source_actor"
     },
     {
      "$ref": "#/components/parameters/target_actor"
     },
     {
      "$ref": "#/components/parameters/cameo"
     },
     {
      "$ref": "#/components/parameters/root"
     },
     {
      "$ref": "#/components/parameters/quad"
     },
     {
      "$ref": "#/components/parameters/place"
     },
     {
      "$ref": "#/components/parameters/country"
     },
     {
      "$ref": "#/components/parameters/text"
     },
     {
      "$ref": "#/components/parameters/doc"
     },
     {
      "name": "limit",
      "in": "query",
      "required": false,
      "description": "actors and edges returned, each (default 50, at most 1000)",
      "schema": {
       "type": "integer",
       "minimum": 1,
       "maximum": 1000
      }
     }
    ],
    "responses": {
     "200": {
      "description": "{actors: [{code, country, events, as_source, as_target, goldstein_sum}], edges: [{source, target, events, cooperation, conflict, goldstein_sum, mean_goldstein}]}",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "400": {
      "description": "error",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    }
   }
  },
  "/api/timeline": {
   "get": {
    "summary": "event counts and mean Goldstein per day or week, by quad class",
    "parameters": [
     {
      "$ref": "#/components/parameters/raw"
     },
     {
      "$ref": "#/components/parameters/from"
     },
     {
      "$ref": "#/components/parameters/to"
     },
     {
      "$ref": "#/components/parameters/actor"
     },
     {
      "$ref": "#/components/parameters/source_actor"
     },
     {
      "$ref": "#/components/parameters/target_actor"
     },
     {
      "$ref": "#/components/parameters/cameo"
     },
     {
      "$ref": "#/components/parameters/root"
     },
     {
      "$ref": "#/components/parameters/quad"
     },
     {
      "$ref": "#/components/parameters/place"
     },
     {
      "$ref": "#/components/parameters/country"
     },
     {
      "$ref": "#/components/parameters/text"
     },
     {
      "$ref": "#/components/parameters/doc"
     },
     {
      "name": "interval",
      "in": "query",
      "required": false,
      "description": "day or week (weeks start on Monday)",
      "schema": {
       "type": "string",
       "enum": [
        "day",
        "week"
       ]
      }
     }
    ],
    "responses": {
     "200": {
      "description": "{interval, buckets: [{date, quad_class, events, goldstein_sum, mean_goldstein}]}",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "400": {
      "description": "error",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    }
   }
  },
  "/api/places": {
   "get": {
    "summary": "events by location (lat/lon, country), for the map",
    "parameters": [
     {
      "$ref": "#/components/parameters/raw"
     },
     {
      "$ref": "#/components/parameters/from"
     },
     {
      "$ref": "#/components/parameters/to"
     },
     {
      "$ref": "#/components/parameters/actor"
     },
     {
      "$ref": "#/components/parameters/source_actor"
     },
     {
      "$ref": "#/components/parameters/target_actor"
     },
     {
      "$ref": "#/components/parameters/cameo"
     },
     {
      "$ref": "#/components/parameters/root"
     },
     {
      "$ref": "#/components/parameters/quad"
     },
     {
      "$ref": "#/components/parameters/place"
     },
     {
      "$ref": "#/components/parameters/country"
     },
     {
      "$ref": "#/components/parameters/text"
     },
     {
      "$ref": "#/components/parameters/doc"
     },
     {
      "name": "limit",
      "in": "query",
      "required": false,
      "description": "places returned (default 500, at most 5000)",
      "schema": {
       "type": "integer",
       "minimum": 1,
       "maximum": 5000
      }
     }
    ],
    "responses": {
     "200": {
      "description": "{places: [{name, country, feature, lat, lon, events, by_quad: {1..4}, goldstein_sum}]}",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "400": {
      "description": "error",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    }
   }
  },
  "/api/export": {
   "get": {
    "summary": "the matching events as a file, streamed",
    "parameters": [
     {
      "$ref": "#/components/parameters/raw"
     },
     {
      "$ref": "#/components/parameters/from"
     },
     {
      "$ref": "#/components/parameters/to"
     },
     {
      "$ref": "#/components/parameters/actor"
     },
     {
      "$ref": "#/components/parameters/source_actor"
     },
     {
      "$ref": "#/components/parameters/target_actor"
     },
     {
      "$ref": "#/components/parameters/cameo"
     },
     {
      "$ref": "#/components/parameters/root"
     },
     {
      "$ref": "#/components/parameters/quad"
     },
     {
      "$ref": "#/components/parameters/place"
     },
     {
      "$ref": "#/components/parameters/country"
     },
     {
      "$ref": "#/components/parameters/text"
     },
     {
      "$ref": "#/components/parameters/doc"
     },
     {
      "name": "format",
      "in": "query",
      "required": false,
      "description": "gdelt, csv, json or jsonl (default jsonl)",
      "schema": {
       "type": "string",
       "enum": [
        "gdelt",
        "csv",
        "json",
        "jsonl"
       ]
      }
     },
     {
      "name": "limit",
      "in": "query",
      "required": false,
      "description": "at most this many rows",
      "schema": {
       "type": "integer"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "GDELT 2.0 rows, CSV, a JSON array or JSON Lines (docs/store.md)"
     },
     "400": {
      "description": "error",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    }
   }
  },
  "/api/code": {
   "post": {
    "summary": "code one article and return its output line (../shared/spec/output.md); store=1 also stores it (needs the bearer token)",
    "parameters": [
     {
      "name": "store",
      "in": "query",
      "required": false,
      "description": "1: also store the article (Authorization: Bearer TOKEN)",
      "schema": {
       "type": "boolean"
      }
     },
     {
      "name": "explain",
      "in": "query",
      "required": false,
      "description": "1: return {output, explain} with the explain trace",
      "schema": {
       "type": "boolean"
      }
     },
     {
      "name": "id",
      "in": "query",
      "required": false,
      "description": "doc_id of a plain-text article",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "date",
      "in": "query",
      "required": false,
      "description": "publish date, YYYY-MM-DD",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "title",
      "in": "query",
      "required": false,
      "description": "title",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "url",
      "in": "query",
      "required": false,
      "description": "url",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "source",
      "in": "query",
      "required": false,
      "description": "outlet",
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "text/plain": {
       "schema": {
        "type": "string"
       }
      },
      "application/json": {
       "schema": {
        "type": "object",
        "required": [
         "text"
        ],
        "properties": {
         "id": {
          "type": "string"
         },
         "text": {
          "type": "string"
         },
         "publish_date": {
          "type": "string"
         },
         "title": {
          "type": "string"
         },
         "url": {
          "type": "string"
         },
         "source": {
          "type": "string"
         }
        }
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "the output line; with explain=1 or store=1: {output, explain?, stored?}",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     },
     "400": {
      "description": "error",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "401": {
      "description": "error",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "403": {
      "description": "error",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "413": {
      "description": "error",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     },
     "422": {
      "description": "error",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      }
     }
    },
    "security": [
     {
      "bearer": []
     },
     {}
    ]
   }
  }
 },
 "components": {
  "parameters": {
   "raw": {
    "name": "raw",
    "in": "query",
    "required": false,
    "description": "1: article events instead of merged events",
    "schema": {
     "type": "boolean"
    }
   },
   "from": {
    "name": "from",
    "in": "query",
    "required": false,
    "description": "first day, YYYY-MM-DD (YYYY-MM, YYYY: from its start)",
    "schema": {
     "type": "string"
    }
   },
   "to": {
    "name": "to",
    "in": "query",
    "required": false,
    "description": "last day, YYYY-MM-DD (YYYY-MM, YYYY: to its end)",
    "schema": {
     "type": "string"
    }
   },
   "actor": {
    "name": "actor",
    "in": "query",
    "required": false,
    "description": "source or target: actor code starting with this, or actor country",
    "schema": {
     "type": "string"
    }
   },
   "source_actor": {
    "name": "source_actor",
    "in": "query",
    "required": false,
    "description": "source actor code prefix or country",
    "schema": {
     "type": "string"
    }
   },
   "target_actor": {
    "name": "target_actor",
    "in": "query",
    "required": false,
    "description": "target actor code prefix or country",
    "schema": {
     "type": "string"
    }
   },
   "cameo": {
    "name": "cameo",
    "in": "query",
    "required": false,
    "description": "CAMEO code starting with this (19, 190, 1951)",
    "schema": {
     "type": "string"
    }
   },
   "root": {
    "name": "root",
    "in": "query",
    "required": false,
    "description": "CAMEO root, exactly (19)",
    "schema": {
     "type": "string"
    }
   },
   "quad": {
    "name": "quad",
    "in": "query",
    "required": false,
    "description": "quad class 1..4",
    "schema": {
     "type": "integer",
     "minimum": 1,
     "maximum": 4
    }
   },
   "place": {
    "name": "place",
    "in": "query",
    "required": false,
    "description": "location name (whole name, any case)",
    "schema": {
     "type": "string"
    }
   },
   "country": {
    "name": "country",
    "in": "query",
    "required": false,
    "description": "location country, ISO 3166-1 alpha-3",
    "schema": {
     "type": "string"
    }
   },
   "text": {
    "name": "text",
    "in": "query",
    "required": false,
    "description": "evidence contains this (any case; merged: any member's)",
    "schema": {
     "type": "string"
    }
   },
   "doc": {
    "name": "doc",
    "in": "query",
    "required": false,
    "description": "events of this article (merged: that it contributed to)",
    "schema": {
     "type": "string"
    }
   }
  },
  "schemas": {
   "Error": {
    "type": "object",
    "properties": {
     "error": {
      "type": "string"
     },
     "status": {
      "type": "integer"
     }
    }
   }
  },
  "securitySchemes": {
   "bearer": {
    "type": "http",
    "scheme": "bearer"
   }
  }
 }
})json";
}

}  // namespace parley
