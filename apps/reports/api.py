"""API resource of generated documents: request a PDF, poll its progress, download it."""

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from apps.access.documents import can_request, visible_documents
from apps.access.permissions import sees_speaker_names
from apps.api.exceptions import Conflict, ServiceUnavailable
from apps.api.filters import IdFilter, SyncFilterSet
from apps.api.viewsets import ReadOnlyApiViewSet
from apps.core.downloads import PDF, protected_file_response
from apps.meetings.models import Meeting
from apps.reports import services
from apps.reports.models import GeneratedDocument
from apps.reports.serializers import DocumentRequestInput, DocumentSerializer
from apps.reports.views import download_name

Kind = GeneratedDocument.Kind


class PDFRenderer(BaseRenderer):
    """Lets a client ask for `Accept: application/pdf`; the PDF itself is streamed as it is."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        # An error (its usual JSON shape), although the client hoped for a PDF.
        renderer_context["response"]["Content-Type"] = "application/json"
        return JSONRenderer().render(data, "application/json", renderer_context)


class DocumentFilter(SyncFilterSet):
    kind = django_filters.ChoiceFilter(choices=Kind.choices, label="種類 / Kind")
    status = django_filters.ChoiceFilter(choices=GeneratedDocument.Status.choices, label="状態 / Status")
    subject = IdFilter(field_name="subject_id", label="対象の ID / Subject id")

    class Meta:
        model = GeneratedDocument
        fields = ["kind", "status", "subject"]


@extend_schema_view(
    list=extend_schema(summary="作成した文書の一覧 / List generated documents", tags=["documents"]),
    retrieve=extend_schema(
        summary="文書の作成状況（ポーリング用） / A document's status and progress (poll this)", tags=["documents"]
    ),
)
class DocumentViewSet(mixins.CreateModelMixin, ReadOnlyApiViewSet):
    """議事要旨・経過報告の PDF / Minutes and progress-report PDFs, rendered by workers."""

    queryset = GeneratedDocument.objects.all()
    serializer_class = DocumentSerializer
    filterset_class = DocumentFilter
    # Asking for a PDF reads the record, it does not change it: anyone who may read may ask.
    permission_classes = [IsAuthenticated]

    def visible(self, queryset):
        return visible_documents(self.request.user, queryset)

    def body_of(self, obj):
        return None

    @extend_schema(
        summary="PDF の作成を依頼（同じ内容なら同じ文書） / Request a PDF (same inputs, same document)",
        request=DocumentRequestInput,
        responses={
            202: DocumentSerializer,
            503: OpenApiResponse(description="ジョブキューに接続できない / Queue down"),
        },
        tags=["documents"],
    )
    def create(self, request, *args, **kwargs):
        data = DocumentRequestInput(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        kind, subject = data.validated_data["kind"], data.validated_data["subject"]
        if not can_request(request.user, kind, subject):
            raise exceptions.NotFound()  # as if the subject did not exist
        try:
            document = services.document_request(
                kind=kind,
                subject=subject,
                by=self.acting_user(),
                public_version=isinstance(subject, Meeting) and not sees_speaker_names(request.user, subject),
            )
        except services.DocumentQueueUnavailable as error:
            raise ServiceUnavailable(services.QUEUE_UNAVAILABLE_MESSAGE) from error
        serializer = DocumentSerializer(document, context=self.get_serializer_context())
        return Response(serializer.data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        summary="完成した PDF のダウンロード / Download the finished PDF",
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="PDF"),
            409: OpenApiResponse(description="まだ完成していない / Not finished yet"),
        },
        tags=["documents"],
    )
    @action(
        detail=True, methods=["get"], url_path="file", url_name="file", renderer_classes=[JSONRenderer, PDFRenderer]
    )
    def file(self, request, pk=None):
        document = self.get_object()
        if document.status != GeneratedDocument.Status.DONE or not document.file:
            raise Conflict("文書はまだ完成していません / The document is not finished yet.", code="not_ready")
        return protected_file_response(document.file, filename=download_name(document), content_type=PDF)
