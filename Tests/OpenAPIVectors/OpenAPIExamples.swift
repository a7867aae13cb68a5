/// Boomi's own JSON examples, copied verbatim from its OpenAPI spec
/// (`shared/reference/boomi-platform-openapi-subset.json`, beside the project): the test vectors
/// of the client's wire types and of the emulator. Copied, so the tests run on any clone;
/// `OpenAPIExamplesTests` checks the copies against the spec wherever it is present.
///
/// Ids are Boomi's; the emulator's demo catalog holds the packs, components and packages they name.
public enum OpenAPIExamples {
  /// CREATE request (POST /ReleaseIntegrationPack).
  public static let createRequest = #"""
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
  public static let createResponse = #"""
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
  public static let updateRequest = #"""
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
  public static let updateResponse = #"""
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
  public static let statusResponse = #"""
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
  public static let publisherPackResponse = #"""
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
  public static let publisherQuerySimple = #"""
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
  public static let publisherQueryGrouping = #"""
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
  public static let publisherQueryResponse = #"""
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
  public static let publisherBulkRequest = #"""
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
  public static let publisherBulkResponse = #"""
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
  public static let packagedComponentResponse = #"""
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
  public static let packagedQuerySimple = #"""
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
  public static let packagedQueryGrouping = #"""
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
  public static let packagedQueryResponse = #"""
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

  /// Where an example sits in the spec.
  public struct Location: Sendable, CustomStringConvertible {
    /// The operation's path, as the spec writes it (`/ReleaseIntegrationPack/{id}`).
    public var path: String
    public var method: String
    /// `nil` for the request body's example; else the response's status (`"200"`).
    public var responseStatus: String?
    /// The name among several examples (`SimpleExpression`), or `nil` for the only one.
    public var name: String?

    public init(path: String, method: String, responseStatus: String? = nil, name: String? = nil) {
      self.path = path
      self.method = method
      self.responseStatus = responseStatus
      self.name = name
    }

    public var description: String {
      "\(method.uppercased()) \(path) \(responseStatus.map { "response \($0)" } ?? "request")\(name.map { " \($0)" } ?? "")"
    }
  }

  /// Every example with its place in the spec.
  public static let all: [(text: String, location: Location)] = [
    (createRequest, Location(path: "/ReleaseIntegrationPack", method: "post")),
    (createResponse, Location(path: "/ReleaseIntegrationPack", method: "post", responseStatus: "200")),
    (updateRequest, Location(path: "/ReleaseIntegrationPack/{id}", method: "post")),
    (updateResponse, Location(path: "/ReleaseIntegrationPack/{id}", method: "post", responseStatus: "200")),
    (statusResponse, Location(path: "/ReleaseIntegrationPackStatus/{id}", method: "get", responseStatus: "200")),
    (publisherPackResponse, Location(path: "/PublisherIntegrationPack/{id}", method: "get", responseStatus: "200")),
    (publisherQuerySimple, Location(path: "/PublisherIntegrationPack/query", method: "post", name: "SimpleExpression")),
    (
      publisherQueryGrouping,
      Location(path: "/PublisherIntegrationPack/query", method: "post", name: "GroupingExpression")
    ),
    (publisherQueryResponse, Location(path: "/PublisherIntegrationPack/query", method: "post", responseStatus: "200")),
    (publisherBulkRequest, Location(path: "/PublisherIntegrationPack/bulk", method: "post")),
    (publisherBulkResponse, Location(path: "/PublisherIntegrationPack/bulk", method: "post", responseStatus: "200")),
    (packagedComponentResponse, Location(path: "/PackagedComponent/{id}", method: "get", responseStatus: "200")),
    (packagedQuerySimple, Location(path: "/PackagedComponent/query", method: "post", name: "SimpleExpression")),
    (packagedQueryGrouping, Location(path: "/PackagedComponent/query", method: "post", name: "GroupingExpression")),
    (packagedQueryResponse, Location(path: "/PackagedComponent/query", method: "post", responseStatus: "200")),
  ]
}
