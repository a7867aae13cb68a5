/// Boomi's own JSON examples, copied verbatim from its OpenAPI spec
/// (`shared/reference/boomi-platform-openapi-subset.json`): the emulator's test vectors.
///
/// Ids are Boomi's; the demo catalog holds the packs, components and packages they name.
enum OpenAPIExamples {
  /// CREATE request (POST /ReleaseIntegrationPack).
  static let createRequest = #"""
    {
      "id": "f0f7face-3a9d-48b1-8a32-82b84499cd4e",
      "name": "Testing Multi",
      "installationType": "MULTI",
      "releaseSchedule": "IMMEDIATELY",
      "ReleasePackagedComponents": {
        "ReleasePackagedComponent": [
          {
            "componentId": "b420a8ab-8e4e-41b2-93ce-079093a03af2",
            "version": "2.0"
          }
        ]
      }
    }
    """#

  /// CREATE response.
  static let createResponse = #"""
    {
      "@type": "ReleaseIntegrationPack",
      "id": "f0f7face-3a9d-48b1-8a32-82b84499cd4e",
      "installationType": "MULTI",
      "name": "Testing Multi",
      "releaseSchedule": "IMMEDIATELY",
      "requestId": "release-11031691-dc62-4280-a3b2-dcf7f3521f8a",
      "releaseStatusUrl": "https://api.boomi.com/api/rest/v1/boomi-8Q78Q1/ReleaseIntegrationPackStatus/release-11031691-dc62-4280-a3b2-dcf7f3521f8a",
      "releaseOnDate": "2025-02-20",
      "ReleasePackagedComponents": {
        "ReleasePackagedComponent": [
          {
            "componentId": "b420a8ab-8e4e-41b2-93ce-079093a03af2",
            "releasedVersion": "1.0",
            "version": "1.0"
          }
        ]
      }
    }
    """#

  /// UPDATE request (POST /ReleaseIntegrationPack/{id}).
  static let updateRequest = #"""
    {
      "id": "f0f7face-3a9d-48b1-8a32-82b84499cd4e",
      "name": "Testing Multi",
      "installationType": "MULTI",
      "releaseSchedule": "IMMEDIATELY",
      "ReleasePackagedComponents": {
        "ReleasePackagedComponent": [
          {
            "componentId": "b420a8ab-8e4e-41b2-93ce-079093a03af2",
            "releasedVersion": "1.0",
            "version": "1.0"
          }
        ]
      }
    }
    """#

  /// UPDATE response.
  static let updateResponse = #"""
    {
      "@type": "ReleaseIntegrationPack",
      "id": "f0f7face-3a9d-48b1-8a32-82b84499cd4e",
      "installationType": "MULTI",
      "name": "Testing Multi",
      "releaseSchedule": "IMMEDIATELY",
      "requestId": "release-11031691-dc62-4280-a3b2-dcf7f3521f8a",
      "releaseStatusUrl": "https://api.boomi.com/api/rest/v1/boomi-8Q78Q1/ReleaseIntegrationPackStatus/release-11031691-dc62-4280-a3b2-dcf7f3521f8a",
      "releaseOnDate": "2025-02-20",
      "ReleasePackagedComponents": {
        "ReleasePackagedComponent": [
          {
            "componentId": "b420a8ab-8e4e-41b2-93ce-079093a03af2",
            "releasedVersion": "1.0",
            "version": "1.0"
          }
        ]
      }
    }
    """#

  /// GET /ReleaseIntegrationPackStatus/{id} response.
  static let statusResponse = #"""
    {
      "@type": "ReleaseIntegrationPackStatus",
      "ReleasePackagedComponents": {
        "@type": "ReleasePackagedComponents",
        "ReleasePackagedComponent": [
          {
            "@type": "ReleasePackagedComponent",
            "componentId": "bb8b6c9d-9c39-4309-b07f-cdd96d201b27",
            "releasedVersion": "1.0"
          },
          {
            "@type": "ReleasePackagedComponent",
            "componentId": "9d05717c-4dfe-4d5f-8e60-9196a6f78ef9",
            "releasedVersion": "1.0",
            "version": "2.0"
          }
        ]
      },
      "responseStatusCode": 200,
      "integrationPackId": "d7c16f5d-3311-417e-a149-3c55436f7d8d",
      "name": "perf testing ipack",
      "installationType": "MULTI",
      "releaseSchedule": "IMMEDIATELY",
      "requestId": "release-dcfbfd2c-09d9-492d-9965-bbd9ab8f2ffc",
      "releaseStatus": "SUCCESS",
      "releaseOnDate": "2025-02-20"
    }
    """#

  /// GET /PublisherIntegrationPack/{id} response.
  static let publisherPackResponse = #"""
    {
      "@type": "PublisherIntegrationPack",
      "Description": "",
      "PublisherPackagedComponents": {
        "@type": "PublisherPackagedComponents",
        "PublisherPackagedComponent": [
          {
            "@type": "PublisherPackagedComponent",
            "componentId": "76742659-845c-45e4-bb9f-d63ff998f658",
            "componentName": "New Process 4",
            "componentType": "process",
            "currentVersion": "1.0",
            "pendingVersion": "",
            "deleted": true,
            "latestVersion": ""
          },
          {
            "@type": "PublisherPackagedComponent",
            "componentId": "fa0211d4-d417-4230-b695-c78846c6e83d",
            "componentName": "New Process 2",
            "componentType": "process",
            "currentVersion": "1.0",
            "pendingVersion": "",
            "deleted": true,
            "latestVersion": ""
          }
        ]
      },
      "id": "d7c16f5d-3311-417e-a149-3c55436f7d8d",
      "name": "perf testing ipack",
      "installationType": "MULTI",
      "operationType": "ADD"
    }
    """#

  /// POST /PublisherIntegrationPack/query, SimpleExpression.
  static let publisherQuerySimple = #"""
    {
      "QueryFilter": {
        "expression": {
          "argument": [
            "SINGLE"
          ],
          "operator": "EQUALS",
          "property": "installationType"
        }
      }
    }
    """#

  /// POST /PublisherIntegrationPack/query, GroupingExpression.
  static let publisherQueryGrouping = #"""
    {
      "QueryFilter": {
        "expression": {
          "operator": "and",
          "nestedExpression": [
            {
              "argument": [
                "SINGLE"
              ],
              "operator": "EQUALS",
              "property": "installationType"
            },
            {
              "argument": [
                "another-value"
              ],
              "operator": "EQUALS",
              "property": "anotherProperty"
            }
          ]
        }
      }
    }
    """#

  /// POST /PublisherIntegrationPack/query response.
  static let publisherQueryResponse = #"""
    {
      "@type": "QueryResult",
      "result": [
        {
          "@type": "PublisherIntegrationPack",
          "Description": "Ipack description",
          "PublisherPackagedComponents": {
            "@type": "PublisherPackagedComponents",
            "PublisherPackagedComponent": [
              {
                "@type": "PublisherPackagedComponent",
                "componentId": "62f7ffb7-5332-4142-893a-8d40d4742ccf",
                "componentName": "Rate Limit Test",
                "componentType": "process",
                "currentVersion": "",
                "pendingVersion": "1.0",
                "deleted": true,
                "latestVersion": ""
              },
              {
                "@type": "PublisherPackagedComponent",
                "componentId": "bb0dae4f-c8f3-47fa-9dee-c3c484f79f71",
                "componentName": "New Process 4",
                "componentType": "process",
                "currentVersion": "",
                "pendingVersion": "3.0",
                "deleted": true,
                "latestVersion": ""
              }
            ]
          },
          "id": "664cc077-28a8-42cb-ac6e-1cb131c9e0d0",
          "name": "IPACK-JSON",
          "installationType": "SINGLE",
          "operationType": "ADD"
        },
        {
          "@type": "PublisherIntegrationPack",
          "Description": "",
          "PublisherPackagedComponents": {
            "@type": "PublisherPackagedComponents",
            "PublisherPackagedComponent": [
              {
                "@type": "PublisherPackagedComponent",
                "componentId": "62f7ffb7-5332-4142-893a-8d40d4742ccf",
                "componentName": "Rate Limit Test",
                "componentType": "process",
                "currentVersion": "",
                "pendingVersion": "1.0",
                "deleted": true,
                "latestVersion": ""
              },
              {
                "@type": "PublisherPackagedComponent",
                "componentId": "bb0dae4f-c8f3-47fa-9dee-c3c484f79f71",
                "componentName": "New Process 4",
                "componentType": "process",
                "currentVersion": "",
                "pendingVersion": "3.0",
                "deleted": true,
                "latestVersion": ""
              }
            ]
          },
          "id": "8b80f83b-9836-49a0-8c72-753131a77bae",
          "name": "test single",
          "installationType": "SINGLE",
          "operationType": "ADD"
        }
      ],
      "numberOfResults": 2
    }
    """#

  /// POST /PublisherIntegrationPack/bulk request (the bulk shape).
  static let publisherBulkRequest = #"""
    {
      "type": "GET",
      "request": [
        {
          "id": "b9875167-ddbd-4c5f-a77d-327589b52bf8"
        },
        {
          "id": "not_a_real_package_id"
        }
      ]
    }
    """#

  /// POST /PublisherIntegrationPack/bulk response (the bulk shape).
  static let publisherBulkResponse = #"""
    {
      "@type": "BulkResult",
      "response": [
        {
          "@type": "BulkResponse",
          "Result": {
            "@type": "PublisherIntegrationPack",
            "Description": "",
            "PublisherPackagedComponents": {
              "@type": "PublisherPackagedComponents",
              "PublisherPackagedComponent": [
                {
                  "@type": "PublisherPackagedComponent",
                  "componentId": "c7d8653d-81ff-4fcc-b814-49e148fc4024",
                  "componentName": "Cleanse",
                  "componentType": "process",
                  "currentVersion": "",
                  "pendingVersion": "cleanse process",
                  "deleted": true,
                  "latestVersion": ""
                },
                {
                  "@type": "PublisherPackagedComponent",
                  "componentId": "b2780aad-f5af-44e8-9b5b-f4823b363284",
                  "componentName": "New Process 3",
                  "componentType": "process",
                  "currentVersion": "",
                  "pendingVersion": "test",
                  "deleted": true,
                  "latestVersion": ""
                }
              ]
            },
            "id": "b9875167-ddbd-4c5f-a77d-327589b52bf8",
            "name": "test multi",
            "installationType": "MULTI",
            "operationType": "ADD"
          },
          "statusCode": 200
        },
        {
          "@type": "BulkResponse",
          "id": "not_a_real_package_id",
          "statusCode": 400,
          "errorMessage": "Integration pack ID not_a_real_package_id is invalid. Provide a valid integration pack ID to complete this action."
        }
      ]
    }
    """#

  /// GET /PackagedComponent/{id} response.
  static let packagedComponentResponse = #"""
    {
      "@type": "PackagedComponent",
      "packageId": "e8dbc278-e970-49e5-84bd-af39d7d38140",
      "packageVersion": "2.0",
      "componentId": "66d665d1-3ec7-479c-9e24-8df3fa728cf8",
      "componentVersion": "2.0",
      "componentType": "process",
      "createdDate": "2017-03-16T13:34:01Z",
      "createdBy": "user@boomi.com",
      "notes": "Created for component publication with GUID f7f6ddb6-9437-4a90-9655-f01970068ca8 and version 2.",
      "shareable": true,
      "deleted": false
    }
    """#

  /// POST /PackagedComponent/query, SimpleExpression.
  static let packagedQuerySimple = #"""
    {
      "QueryFilter": {
        "expression": {
          "operator": "and",
          "nestedExpression": [
            {
              "argument": [
                "process"
              ],
              "operator": "EQUALS",
              "property": "componentType"
            },
            {
              "argument": [
                "66d665d1-3ec7-479c-9e24-8df3fa728cf8"
              ],
              "operator": "EQUALS",
              "property": "componentId"
            },
            {
              "argument": [
                "1.0"
              ],
              "operator": "EQUALS",
              "property": "packageVersion"
            },
            {
              "argument": [
                "true"
              ],
              "operator": "EQUALS",
              "property": "shareable"
            },
            {
              "argument": [
                "user@boomi.com"
              ],
              "operator": "EQUALS",
              "property": "createdBy"
            },
            {
              "argument": [
                "2017-01-01T00:00:00Z",
                "2017-11-02T00:00:00Z"
              ],
              "operator": "BETWEEN",
              "property": "createdDate"
            }
          ]
        }
      }
    }
    """#

  /// POST /PackagedComponent/query, GroupingExpression.
  static let packagedQueryGrouping = #"""
    {
      "QueryFilter": {
        "expression": {
          "operator": "and",
          "nestedExpression": [
            {
              "operator": "and",
              "nestedExpression": [
                {
                  "argument": [
                    "process"
                  ],
                  "operator": "EQUALS",
                  "property": "componentType"
                },
                {
                  "argument": [
                    "66d665d1-3ec7-479c-9e24-8df3fa728cf8"
                  ],
                  "operator": "EQUALS",
                  "property": "componentId"
                },
                {
                  "argument": [
                    "1.0"
                  ],
                  "operator": "EQUALS",
                  "property": "packageVersion"
                },
                {
                  "argument": [
                    "true"
                  ],
                  "operator": "EQUALS",
                  "property": "shareable"
                },
                {
                  "argument": [
                    "user@boomi.com"
                  ],
                  "operator": "EQUALS",
                  "property": "createdBy"
                },
                {
                  "argument": [
                    "2017-01-01T00:00:00Z",
                    "2017-11-02T00:00:00Z"
                  ],
                  "operator": "BETWEEN",
                  "property": "createdDate"
                }
              ]
            },
            {
              "argument": [
                "another-value"
              ],
              "operator": "EQUALS",
              "property": "anotherProperty"
            }
          ]
        }
      }
    }
    """#

  /// POST /PackagedComponent/query response.
  static let packagedQueryResponse = #"""
    {
      "@type": "QueryResult",
      "result": [
        {
          "@type": "PackagedComponent",
          "packageId": "a4543ff8-5acf-4090-8094-ec8dbb6a7406",
          "packageVersion": "1.0",
          "componentId": "66d665d1-3ec7-479c-9e24-8df3fa728cf8",
          "componentVersion": "2.0",
          "componentType": "process",
          "createdDate": "2017-01-12T17:29:55Z",
          "createdBy": "user@boomi.com",
          "notes": "Created for component publication with GUID xxx",
          "shareable": true,
          "deleted": true
        }
      ],
      "numberOfResults": 1
    }
    """#
}
