//! The intermediate model of an API: what `lower` builds from the spec and every emitter reads.
//!
//! It is plain data with Rust names already chosen, so that emitters only decide how things are
//! spelled, never what they are. It serializes, which is how the snapshot tests show its drift.

use serde::Serialize;
use serde_json::Value;

/// A whole API: its resources, their operations and the named types they use.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Api {
    pub title: String,
    pub version: String,
    pub description: Option<String>,
    /// The first server URL of the spec, the client's default base URL.
    pub base_url: Option<String>,
    /// One per tag, sorted by module name.
    pub resources: Vec<Resource>,
    /// Every named type, sorted by name.
    pub types: Vec<TypeDef>,
    /// The body that the API's error responses share, when they all share one.
    pub error_body: Option<TypeRef>,
    /// How the runtime is configured for this spec.
    pub features: Features,
}

/// What the generated crate needs beyond plain JSON, so that it depends only on what it uses.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Features {
    pub yaml: bool,
    pub form: bool,
    pub multipart: bool,
    pub date_time: bool,
    pub int_as_string: bool,
    /// The spec deprecates something: the crate uses it without a warning (its users still get
    /// theirs).
    pub deprecated: bool,
}

/// The operations of one tag, reached through one accessor on the client.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Resource {
    /// The tag as written in the spec.
    pub tag: String,
    /// Module and accessor name (`apps`).
    pub module: String,
    /// The accessor's return type (`Apps`).
    pub type_name: String,
    pub doc: Option<String>,
    /// Sorted by method name.
    pub operations: Vec<Operation>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Operation {
    /// The operationId as written in the spec; one the spec repeats gets `_2`, `_3`... (or
    /// `{method} {path}` in snake case when the spec gives none).
    pub id: String,
    /// The client method (`get_deployment`).
    pub method_name: String,
    /// The request builder that the method returns (`GetDeployment`).
    pub builder_name: String,
    pub http_method: HttpMethod,
    /// The path template as written in the spec (`/v2/apps/{app_id}`).
    pub path: String,
    pub path_segments: Vec<PathSegment>,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub deprecated: bool,
    /// OAuth scopes that the operation requires.
    pub scopes: Vec<String>,
    /// Path parameters first, in path order; then the others sorted by location and name.
    pub params: Vec<Parameter>,
    /// Query pairs that the path template fixes (`/rest?method=photos.get`), sent with every
    /// call.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fixed_query: Vec<(String, String)>,
    pub body: Option<RequestBody>,
    /// Every documented response, successes first, sorted by status.
    pub responses: Vec<Response>,
    /// Which success bodies the operation returns, derived from `responses`.
    pub success: Success,
    /// Present when the operation lists a collection page by page.
    pub pagination: Option<Pagination>,
    /// The formats the success body may be requested in, when there is a choice (JSON first).
    pub accept: Vec<Encoding>,
    /// What the spec says of choosing the response format (its `Accept` header parameter).
    pub accept_doc: Option<String>,
    /// How the answer is asked for and read.
    pub answer: Answer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum HttpMethod {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl HttpMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Put => "PUT",
            HttpMethod::Post => "POST",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Options => "OPTIONS",
            HttpMethod::Head => "HEAD",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Trace => "TRACE",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum PathSegment {
    Literal(String),
    /// Index into `Operation::params`.
    Param(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    Cookie,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Parameter {
    /// The name on the wire.
    pub name: String,
    pub rust_name: String,
    pub location: ParamLocation,
    pub required: bool,
    /// Whether the method takes it as an argument, rather than the builder as a setter.
    pub positional: bool,
    pub ty: TypeRef,
    pub doc: Option<String>,
    pub default: Option<Value>,
    pub deprecated: bool,
    pub style: ParamStyle,
    pub explode: bool,
}

/// How a parameter value is serialized (OpenAPI `style`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ParamStyle {
    Simple,
    Form,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
    Label,
    Matrix,
    /// The value as JSON text (a parameter described by a JSON `content` rather than a schema).
    Json,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequestBody {
    pub required: bool,
    pub doc: Option<String>,
    pub ty: TypeRef,
    /// The media type of the default encoding, as the spec writes it (`application/xml`).
    pub media_type: String,
    /// The encodings the body may be sent in; the first is the default.
    pub encodings: Vec<Encoding>,
    /// How the client puts it on the wire.
    pub wire: BodyWire,
    /// What the spec says of choosing the body's format (its `Content-Type` header parameter).
    pub content_type_doc: Option<String>,
    /// The example the spec gives for the body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<Value>,
}

/// How a request body is put on the wire, decided from its media types.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BodyWire {
    /// A document through serde.
    Document(Format),
    Form,
    Multipart,
    /// A `String` sent as UTF-8, under this media type (which names its character set).
    Text(String),
    /// Bytes as they are, under this media type: a range such as `image/*` names no type, so
    /// such bytes go as `application/octet-stream`.
    Binary(String),
}

impl BodyWire {
    /// Whether the caller chooses the body's format (the builder's `content_type`).
    pub fn is_chosen(&self) -> bool {
        *self == BodyWire::Document(Format::Chosen)
    }
}

/// The format of a document on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Json,
    Yaml,
    /// JSON or YAML, as the caller chooses (JSON unless told otherwise).
    Chosen,
}

/// How the answer of an operation is asked for and read.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Answer {
    /// The format a document answer is asked in.
    pub format: Format,
    /// The `Accept` header of an operation that reads a success body as text or bytes: the
    /// media types it reads that way, and JSON when another success is JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accept: Option<String>,
    /// How the first success body (or, with none, the `default` one) travels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<Encoding>,
}

impl Answer {
    /// Whether the caller chooses the answer's format (the builder's `accept`).
    pub fn is_chosen(&self) -> bool {
        self.format == Format::Chosen
    }
}

/// How a body travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Encoding {
    Json,
    Yaml,
    Form,
    Multipart,
    /// `text/*`: a `String`.
    Text,
    /// Any other media type: the bytes as they are, with their media type.
    Binary,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Response {
    pub status: Status,
    pub doc: Option<String>,
    /// One entry per media type, in the spec's order of preference (JSON first).
    pub content: Vec<Content>,
    pub headers: Vec<ResponseHeader>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Status {
    Code(u16),
    /// `2XX` and the like: the first digit.
    Range(u16),
    Default,
}

impl Status {
    pub fn is_success(self) -> bool {
        match self {
            Status::Code(code) => (200..300).contains(&code),
            Status::Range(class) => class == 2,
            Status::Default => false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Content {
    pub media_type: String,
    pub encoding: Encoding,
    /// `None` when the media type has no schema.
    pub ty: Option<TypeRef>,
    /// The example the spec gives for this media type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResponseHeader {
    pub name: String,
    pub ty: TypeRef,
    pub doc: Option<String>,
}

/// The success bodies of an operation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Success {
    /// No success response has a body.
    Empty,
    /// Every success response has this body (or none).
    One(TypeRef),
    /// Different statuses carry different bodies: the emitter makes an enum of them.
    Several {
        type_name: String,
        variants: Vec<SuccessVariant>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SuccessVariant {
    pub name: String,
    pub status: Status,
    pub ty: Option<TypeRef>,
    /// How its body travels, when it has one.
    pub encoding: Option<Encoding>,
    pub doc: Option<String>,
}

/// How a list operation pages: found from the shapes of its parameters and response.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pagination {
    /// The convention it follows.
    pub strategy: PagingStrategy,
    /// The wire name of the page-number query parameter.
    pub page_param: String,
    /// The wire name of the page-size query parameter, when there is one.
    pub per_page_param: Option<String>,
    /// The Rust field of the response that holds the items.
    pub items_field: String,
    /// Whether that field is optional in the response.
    pub items_optional: bool,
    pub item_type: TypeRef,
    /// Where the response keeps the `next` link.
    pub next_link: FieldPath,
    /// Where the response keeps the total count, when it carries one.
    pub total: Option<FieldPath>,
}

/// The paging conventions lowering recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PagingStrategy {
    /// An integer `page` query parameter (and perhaps a page size: `per_page`, `page_size`,
    /// `perPage` or `pageSize`), and a response that holds one array of items next to a `next`
    /// link, a string field up to three structs deep, and perhaps an integer `total`. The next
    /// page is asked for by number while the response names a next link.
    PageNumberAndNextLink,
}

/// A field reached from a response body through nested structs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldPath {
    /// The Rust fields, outermost first, each with whether it is optional.
    pub fields: Vec<(String, bool)>,
    pub ty: TypeRef,
}

impl Api {
    /// Calls `visit` on every type reference of the model (the types' own, the operations'
    /// parameters, bodies, responses, success bodies and pages), and on every type inside each.
    pub fn visit_type_refs_mut(&mut self, visit: &mut dyn FnMut(&mut TypeRef)) {
        for def in &mut self.types {
            def.kind.visit_type_refs_mut(visit);
        }
        for operation in self.resources.iter_mut().flat_map(|r| &mut r.operations) {
            operation.visit_type_refs_mut(visit);
        }
        if let Some(error_body) = &mut self.error_body {
            error_body.visit_mut(visit);
        }
    }
}

impl TypeKind {
    /// Calls `visit` on every type the kind refers to, and on every type inside each.
    pub fn visit_type_refs_mut(&mut self, visit: &mut dyn FnMut(&mut TypeRef)) {
        match self {
            TypeKind::Struct(s) => {
                for field in &mut s.fields {
                    field.ty.visit_mut(visit);
                }
                if let Rest::Typed { ty, .. } = &mut s.rest {
                    ty.visit_mut(visit);
                }
            }
            TypeKind::Enum(_) => {}
            TypeKind::Union(u) => {
                for variant in &mut u.variants {
                    variant.ty.visit_mut(visit);
                }
            }
            TypeKind::Alias(ty) => ty.visit_mut(visit),
        }
    }
}

impl Operation {
    /// The parameters the method takes as arguments, in order.
    pub fn positional(&self) -> impl Iterator<Item = &Parameter> {
        self.params.iter().filter(|p| p.positional)
    }

    /// Calls `visit` on every type the operation refers to, and on every type inside each.
    pub fn visit_type_refs_mut(&mut self, visit: &mut dyn FnMut(&mut TypeRef)) {
        for param in &mut self.params {
            param.ty.visit_mut(visit);
        }
        if let Some(body) = &mut self.body {
            body.ty.visit_mut(visit);
        }
        for response in &mut self.responses {
            for content in &mut response.content {
                if let Some(ty) = &mut content.ty {
                    ty.visit_mut(visit);
                }
            }
            for header in &mut response.headers {
                header.ty.visit_mut(visit);
            }
        }
        match &mut self.success {
            Success::Empty => {}
            Success::One(ty) => ty.visit_mut(visit),
            Success::Several { variants, .. } => {
                for ty in variants.iter_mut().filter_map(|v| v.ty.as_mut()) {
                    ty.visit_mut(visit);
                }
            }
        }
        if let Some(pagination) = &mut self.pagination {
            pagination.item_type.visit_mut(visit);
            pagination.next_link.ty.visit_mut(visit);
            if let Some(total) = &mut pagination.total {
                total.ty.visit_mut(visit);
            }
        }
    }
}

impl TypeRef {
    /// Calls `visit` on this type, then on the types inside it (an array's items, a map's
    /// values), as they are once `visit` has seen this one.
    pub fn visit_mut(&mut self, visit: &mut dyn FnMut(&mut TypeRef)) {
        visit(self);
        if let TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) = self {
            inner.visit_mut(visit);
        }
    }
}

/// A type as used by a field, parameter or body.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum TypeRef {
    /// A named type of `Api::types`.
    Named(String),
    String,
    Boolean,
    Integer(IntegerFormat),
    /// An integer that travels as a JSON string (`type: string, format: int64`).
    IntegerString(IntegerFormat),
    Number(NumberFormat),
    DateTime,
    Date,
    /// Raw bytes (`format: binary`).
    Binary,
    /// Any JSON value.
    Any,
    Array(Box<TypeRef>),
    /// A JSON object with arbitrary keys.
    Map(Box<TypeRef>),
    /// An array item or a map value that may be `null` (`Option`).
    Nullable(Box<TypeRef>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum IntegerFormat {
    I32,
    I64,
    U32,
    U64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NumberFormat {
    /// `float` and `double` alike: an `f64` holds every `f32` exactly, and a decimal such as
    /// `2.34` comes back as written, where an `f32` turns into `2.3399999141693115` on its way
    /// through a JSON value (a query parameter, a form field, an example).
    F64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeDef {
    pub name: String,
    pub doc: Option<String>,
    /// Where the type comes from: a JSON pointer into the bundled spec.
    pub origin: String,
    /// The other places that describe this same type: schemas identical to the one at
    /// `origin` but for their words, as JSON pointers into the bundled spec, sorted.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub copies: Vec<String>,
    pub deprecated: bool,
    pub kind: TypeKind,
    /// Whether the type implements `Default` (all its fields do, or the spec gives a default).
    pub has_default: bool,
    /// The examples the spec gives for this type, used by the generated example tests.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum TypeKind {
    Struct(StructDef),
    Enum(EnumDef),
    Union(UnionDef),
    Alias(TypeRef),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StructDef {
    /// Sorted by wire name.
    pub fields: Vec<Field>,
    /// Where the keys that no field names go.
    pub rest: Rest,
}

/// What a struct does with the keys of an object that are not among its fields.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Rest {
    /// Kept as JSON in a field with this name, so that they survive a round trip.
    Unknown { field: String },
    /// The schema types them (`additionalProperties: {schema}`).
    Typed { field: String, ty: TypeRef },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    pub name: String,
    pub rust_name: String,
    pub ty: TypeRef,
    pub required: bool,
    pub nullable: bool,
    pub doc: Option<String>,
    pub default: Option<Value>,
    /// The example the spec gives for the field, used by the mocks' example values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<Value>,
    pub deprecated: bool,
    pub read_only: bool,
    /// Set when the field would otherwise make its type infinitely large.
    pub boxed: bool,
}

impl Field {
    /// Whether the Rust field is an `Option`.
    pub fn is_optional(&self) -> bool {
        !self.required || self.nullable
    }
}

/// A string enum. It is always open: a value the spec does not list decodes into a catch-all
/// variant that keeps it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnumDef {
    pub variants: Vec<EnumVariant>,
    /// The catch-all variant's name.
    pub other_variant: String,
    /// Index of the variant that the spec names as default.
    pub default: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnumVariant {
    pub value: String,
    pub rust_name: String,
    pub doc: Option<String>,
}

/// `oneOf` / `anyOf`: one of several shapes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnionDef {
    pub variants: Vec<UnionVariant>,
    /// The property whose value says which variant a value is.
    pub discriminator: Option<String>,
    /// The catch-all variant that keeps a value no variant accepts.
    pub other_variant: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnionVariant {
    pub rust_name: String,
    pub ty: TypeRef,
    /// The discriminator values that select this variant.
    pub tags: Vec<String>,
    /// Set when the variant would otherwise make its type infinitely large.
    pub boxed: bool,
}
