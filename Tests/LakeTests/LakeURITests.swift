import Lake
import Logging
import Testing

struct LakeURITests {
    @Test("lake URIs", arguments: [
        ("s3://bucket/some/prefix/", LakeURI.s3(bucket: "bucket", prefix: "some/prefix")),
        ("s3://bucket", LakeURI.s3(bucket: "bucket", prefix: "")),
        ("file:///var/lake/", LakeURI.file(path: "/var/lake")),
        ("file:///", LakeURI.file(path: "/")),
    ])
    func lakeURIs(raw: String, expected: LakeURI) {
        #expect(LakeURI(raw) == expected)
        #expect(LakeURI(expected.description) == expected)
    }

    @Test("anything else is refused", arguments: ["", "s3://", "s3:///prefix", "file://relative/path", "/var/lake", "https://bucket"])
    func refused(raw: String) {
        #expect(LakeURI(raw) == nil)
    }

    @Test("S3 settings that cannot work are refused with their reason alone")
    func invalidSettings() {
        let error = #expect(throws: LakeStorageFactory.InvalidSettings.self) {
            try LakeStorageFactory.make(.s3(bucket: "b", prefix: ""), environment: [
                "AWS_ACCESS_KEY_ID": "id", "AWS_SECRET_ACCESS_KEY": "secret", "S3_FORCE_PATH_STYLE": "maybe",
            ], logger: .init(label: "test"))
        }
        #expect(error?.description == "S3_FORCE_PATH_STYLE must be true or false, got maybe")
    }
}
