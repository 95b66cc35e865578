"""Schema post-processing: the one error shape, ETags, 304s and 412s, on every operation."""

from apps.api.filters import EMPTY_ALLOWED

ERROR_SCHEMA = {
    "type": "object",
    "description": "すべてのエラーの形 / The shape of every error.",
    "properties": {
        "error": {
            "type": "object",
            "description": "エラーの内容 / What went wrong",
            "properties": {
                "status": {"type": "integer", "description": "HTTP ステータス / HTTP status"},
                "code": {"type": "string", "description": "機械可読なコード / Machine-readable code"},
                "message": {"type": "string", "description": "説明 / Human-readable message"},
                "fields": {
                    "type": "object",
                    "description": "入力項目ごとのエラー / Messages per offending field or parameter",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
            },
            "required": ["status", "code", "message", "fields"],
        }
    },
    "required": ["error"],
}

ERRORS = {
    "400": "入力の誤り（fields に項目名） / Invalid input; `fields` names each offending field",
    "401": "認証が必要 / Authentication required",
    "403": "権限がない / Not allowed",
    "404": "見つからない（または見る権限がない） / Not found, or not visible to the caller",
    "409": "他の記録が参照している / Other records still refer to this one",
    "412": "If-Match の ETag が古い（他の人が変更済み） / The If-Match ETag is stale: someone changed the record",
    "429": "リクエストが多すぎる / Too many requests",
}

ETAG_HEADER = {"ETag": {"schema": {"type": "string"}, "description": "表現の ETag / ETag of the representation"}}


def document_common_responses(result, generator, request, public):
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = ERROR_SCHEMA
    error_ref = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, operations in result.get("paths", {}).items():
        if not path.startswith("/api/v1/"):
            continue
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            # 404: a record not visible to the caller, or a page past the end of a list.
            codes = ["400", "401", "403", "404", "429"]
            if method == "delete":
                codes.append("409")
            if _describe_parameters(operation):
                codes.append("412")  # a conditional write (apps.api.viewsets.ApiViewSet.locked_object)
                if "200" in responses:
                    responses["200"].setdefault("headers", {}).update(ETAG_HEADER)
            for code in codes:
                responses.setdefault(code, {"description": ERRORS[code], "content": error_ref})
            if method == "get" and "{id}" in path and "200" in responses:
                responses["200"].setdefault("headers", {}).update(ETAG_HEADER)
                responses.setdefault("304", {"description": "変更なし / Not modified", "headers": ETAG_HEADER})
    return result


def _describe_parameters(operation: dict) -> bool:
    """Fill in what the parameters leave unsaid; True if the operation is a conditional write (If-Match)."""
    conditional = False
    for parameter in operation.get("parameters", []):
        conditional |= parameter["name"] == "If-Match" and parameter["in"] == "header"
        if parameter["name"] == "format" and "description" not in parameter:
            parameter["description"] = "応答の形式 / Response format"
        if parameter["in"] == "query" and parameter["name"] in EMPTY_ALLOWED:
            parameter["allowEmptyValue"] = True
    return conditional
