//! Each classification from a pair of small specs: a base spec and the same spec with an edit.
//! The assertions pin the class of every change; the snapshots show the reports as reviewers
//! read them.

use std::path::{Path, PathBuf};

use semver::Version;

use super::*;
use crate::load::InMemory;

/// A shop: orders are listed (paged, with a status filter), created from a request type, read
/// back as a response type; an enum and a union are in responses.
const BASE: &str = r##"
openapi: 3.0.3
info:
  title: Shop
  version: "1.0"
servers:
  - url: https://api.example.com
paths:
  /v1/orders:
    get:
      operationId: orders_list
      tags: [orders]
      summary: List the orders.
      parameters:
        - name: page
          in: query
          schema: {type: integer}
        - name: status
          in: query
          schema: {$ref: '#/components/schemas/status'}
      responses:
        "200":
          description: The orders.
          content:
            application/json:
              schema:
                type: object
                required: [orders]
                properties:
                  orders:
                    type: array
                    items: {$ref: '#/components/schemas/order'}
        "401":
          description: Not authenticated.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/error'}
    post:
      operationId: orders_create
      tags: [orders]
      summary: Create an order.
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/order_create'}
      responses:
        "201":
          description: The new order.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/order'}
        "401":
          description: Not authenticated.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/error'}
  /v1/orders/{order_id}:
    get:
      operationId: orders_get
      tags: [orders]
      summary: Get an order.
      parameters:
        - name: order_id
          in: path
          required: true
          schema: {type: string}
      responses:
        "200":
          description: The order.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/order'}
components:
  schemas:
    order:
      description: An order.
      type: object
      required: [id, status]
      properties:
        id:
          type: string
          description: The order's identifier.
        status: {$ref: '#/components/schemas/status'}
        note:
          type: string
        payment: {$ref: '#/components/schemas/payment'}
    order_create:
      description: What an order is made of.
      type: object
      required: [item]
      properties:
        item:
          type: string
        quantity:
          type: integer
    status:
      description: Where an order is.
      type: string
      enum: [open, shipped]
    payment:
      oneOf:
        - {$ref: '#/components/schemas/card'}
        - {$ref: '#/components/schemas/transfer'}
    card:
      type: object
      required: [number]
      properties:
        number: {type: string}
    transfer:
      type: object
      required: [iban]
      properties:
        iban: {type: string}
    error:
      type: object
      required: [message]
      properties:
        message: {type: string}
"##;

fn model(text: &str) -> Api {
    let files = InMemory(vec![(PathBuf::from("shop.yaml"), text.to_owned())]);
    crate::model_from(&files, Path::new("shop.yaml"))
        .unwrap_or_else(|error| panic!("{}", crate::Report(&error)))
        .api
}

/// The base spec with each `(from, to)` edit made; each `from` is found exactly once.
fn edited(edits: &[(&str, &str)]) -> String {
    let mut text = BASE.to_owned();
    for (from, to) in edits {
        assert_eq!(
            text.matches(from).count(),
            1,
            "`{from}` is in the spec once"
        );
        text = text.replace(from, to);
    }
    text
}

/// What the edits change.
fn changes(edits: &[(&str, &str)]) -> Changes {
    compare(&model(BASE), &model(&edited(edits)))
}

/// Every change as (class, subject, text), to assert on.
fn listed(changes: &Changes) -> Vec<(Class, &str, &str)> {
    changes
        .changes
        .iter()
        .map(|c| (c.class, c.subject.as_str(), c.text.as_str()))
        .collect()
}

fn report(changes: &Changes) -> String {
    markdown(changes, "the base spec", &Version::new(0, 1, 0))
}

#[test]
fn the_same_spec_has_no_change_and_needs_no_release() {
    let changes = changes(&[]);
    assert!(changes.is_empty(), "{:?}", changes.changes);
    assert_eq!(changes.bump(&Version::new(0, 1, 0)).part, Part::None);
    assert_eq!(
        summary(&changes, &Version::new(0, 1, 0)),
        "no change to the API"
    );
    insta::assert_snapshot!(report(&changes));
}

#[test]
fn a_new_enum_value_is_additive() {
    let changes = changes(&[("enum: [open, shipped]", "enum: [open, shipped, returned]")]);
    assert_eq!(
        listed(&changes),
        [(
            Class::Additive,
            "`Status` · requests and responses",
            "value `returned` added (`Status::Returned`)"
        )]
    );
    assert_eq!(
        summary(&changes, &Version::new(0, 1, 0)),
        "0 breaking, 1 additive, 0 docs; semver: 0.1.0 → 0.1.1 (patch)"
    );
    insta::assert_snapshot!(report(&changes));
}

#[test]
fn a_removed_enum_value_is_breaking() {
    let changes = changes(&[("enum: [open, shipped]", "enum: [open]")]);
    assert_eq!(
        listed(&changes),
        [(
            Class::Breaking,
            "`Status` · requests and responses",
            "value `shipped` removed (`Status::Shipped`)"
        )]
    );
}

#[test]
fn a_new_required_field_in_a_request_body_is_breaking() {
    let changes = changes(&[(
        "      required: [item]\n      properties:\n",
        "      required: [item, address]\n      properties:\n        address:\n          type: string\n",
    )]);
    assert_eq!(
        listed(&changes),
        [
            (
                Class::Breaking,
                "`OrderCreate` · requests",
                "required field `address: String` added: requests need it"
            ),
            (
                Class::Breaking,
                "`OrderCreate` · requests",
                "`OrderCreate::new(item)` is now `OrderCreate::new(address, item)`"
            ),
        ]
    );
    assert_eq!(
        summary(&changes, &Version::new(0, 1, 0)),
        "2 breaking, 0 additive, 0 docs; semver: 0.1.0 → 0.2.0 (minor)"
    );
    insta::assert_snapshot!(report(&changes));
}

#[test]
fn a_new_optional_field_in_a_request_body_is_additive() {
    let changes = changes(&[(
        "        quantity:\n",
        "        gift:\n          type: boolean\n        quantity:\n",
    )]);
    assert_eq!(
        listed(&changes),
        [(
            Class::Additive,
            "`OrderCreate` · requests",
            "optional field `gift: Option<bool>` added"
        )]
    );
}

#[test]
fn a_new_optional_response_field_is_additive() {
    let changes = changes(&[(
        "        note:\n",
        "        tracking_url:\n          type: string\n          description: Where the parcel is.\n        note:\n",
    )]);
    assert_eq!(
        listed(&changes),
        [(
            Class::Additive,
            "`Order` · responses",
            "optional field `tracking_url: Option<String>` added"
        )]
    );
    insta::assert_snapshot!(report(&changes));
}

#[test]
fn a_new_required_response_field_adds_to_readers_but_changes_the_constructor() {
    let changes = changes(&[(
        "      required: [id, status]\n      properties:\n",
        "      required: [id, status, total]\n      properties:\n        total:\n          type: integer\n",
    )]);
    assert_eq!(
        listed(&changes),
        [
            (
                Class::Additive,
                "`Order` · responses",
                "required field `total: i64` added"
            ),
            (
                Class::Breaking,
                "`Order` · responses",
                "`Order::new(id, status)` is now `Order::new(id, status, total)`"
            ),
        ]
    );
}

#[test]
fn a_field_removed_from_a_response_is_breaking() {
    let changes = changes(&[("        note:\n          type: string\n", "")]);
    assert_eq!(
        listed(&changes),
        [(
            Class::Breaking,
            "`Order` · responses",
            "field `note` removed"
        )]
    );
    insta::assert_snapshot!(report(&changes));
}

#[test]
fn editing_descriptions_is_docs_only() {
    let changes = changes(&[
        (
            "The order's identifier.",
            "The order's identifier, as the shop prints it.",
        ),
        ("summary: Get an order.", "summary: Get one order."),
        (
            "description: Where an order is.",
            "description: Where an order is now.",
        ),
        (
            "description: The order.\n",
            "description: The order, as it is now.\n",
        ),
    ]);
    assert_eq!(
        listed(&changes),
        [
            (
                Class::Docs,
                "`orders().get()` · `GET /v1/orders/{order_id}`",
                "summary changed"
            ),
            (
                Class::Docs,
                "`orders().get()` · `GET /v1/orders/{order_id}`",
                "response `200`: description changed"
            ),
            (
                Class::Docs,
                "`Order` · responses",
                "field `id`: description changed"
            ),
            // The field documents itself with the description of the type it holds.
            (
                Class::Docs,
                "`Order` · responses",
                "field `status`: description changed"
            ),
            (
                Class::Docs,
                "`Status` · requests and responses",
                "description changed"
            ),
        ]
    );
    assert_eq!(changes.worst(), Some(Class::Docs));
    assert_eq!(
        changes.bump(&Version::new(0, 1, 0)).to,
        Version::new(0, 1, 1)
    );
    insta::assert_snapshot!(report(&changes));
}

#[test]
fn a_retyped_field_is_breaking() {
    let changes = changes(&[(
        "        quantity:\n          type: integer\n",
        "        quantity:\n          type: number\n",
    )]);
    assert_eq!(
        listed(&changes),
        [(
            Class::Breaking,
            "`OrderCreate` · requests",
            "field `quantity`: `Option<f64>` (was `Option<i64>`)"
        )]
    );
}

#[test]
fn an_integer_that_starts_to_travel_as_a_string_is_breaking_and_says_so() {
    let changes = changes(&[(
        "        quantity:\n          type: integer\n",
        "        quantity:\n          type: string\n          format: int64\n",
    )]);
    assert_eq!(
        listed(&changes),
        [(
            Class::Breaking,
            "`OrderCreate` · requests",
            "field `quantity`: `i64 (integers as strings)` (was `i64 (integers as numbers)`)"
        )]
    );
}

#[test]
fn a_field_that_becomes_optional_or_required_is_breaking() {
    let changes = changes(&[
        (
            "      required: [id, status]\n",
            "      required: [id, status, note]\n",
        ),
        ("      required: [item]\n", "      required: []\n"),
    ]);
    assert_eq!(
        listed(&changes),
        [
            (
                Class::Breaking,
                "`Order` · responses",
                "field `note` is now required: `String` (was `Option<String>`)"
            ),
            (
                Class::Breaking,
                "`Order` · responses",
                "`Order::new(id, status)` is now `Order::new(id, note, status)`"
            ),
            (
                Class::Breaking,
                "`OrderCreate` · requests",
                "field `item` is now optional: `Option<String>` (was `String`)"
            ),
            (
                Class::Breaking,
                "`OrderCreate` · requests",
                "`OrderCreate::new(item)` is gone: the struct has no required field now, or \
                 more than a constructor takes"
            ),
        ]
    );
}

#[test]
fn parameters_added_removed_and_made_required() {
    let changes = changes(&[
        (
            "        - name: page\n          in: query\n          schema: {type: integer}\n",
            "        - name: page\n          in: query\n          required: true\n          schema: {type: integer}\n        - name: per_page\n          in: query\n          schema: {type: integer}\n",
        ),
        (
            "          required: true\n          schema: {type: string}\n",
            "          required: true\n          schema: {type: string}\n        - name: expand\n          in: query\n          required: true\n          schema: {type: boolean}\n",
        ),
    ]);
    assert_eq!(
        listed(&changes),
        [
            (
                Class::Breaking,
                "`orders().get()` · `GET /v1/orders/{order_id}`",
                "required query parameter `expand` (`bool`) added: `get()` takes a new argument"
            ),
            (
                Class::Breaking,
                "`orders().list()` · `GET /v1/orders`",
                "query parameter `page` is now required: an argument of `list()`, no longer the \
                 setter `.page()`"
            ),
            (
                Class::Additive,
                "`orders().list()` · `GET /v1/orders`",
                "optional query parameter `per_page` (`i64`) added, set with `.per_page()`"
            ),
        ]
    );
    insta::assert_snapshot!(report(&changes));
}

#[test]
fn operations_added_and_removed() {
    let changes = changes(&[(
        "  /v1/orders/{order_id}:\n    get:\n      operationId: orders_get\n",
        "  /v1/orders/{order_id}:\n    delete:\n      operationId: orders_delete\n      tags: [orders]\n      parameters:\n        - name: order_id\n          in: path\n          required: true\n          schema: {type: string}\n      responses:\n        \"204\":\n          description: Deleted.\n    put:\n      operationId: orders_get\n",
    )]);
    assert_eq!(
        listed(&changes),
        [
            (
                Class::Additive,
                "`orders().delete()` · `DELETE /v1/orders/{order_id}`",
                "operation added"
            ),
            (
                Class::Breaking,
                "`orders().get()` · `PUT /v1/orders/{order_id}`",
                "sends `PUT /v1/orders/{order_id}` (was `GET /v1/orders/{order_id}`)"
            ),
        ]
    );
    let removed = compare(
        &model(&edited(&[])),
        &model(&edited(&[(
            "operationId: orders_get",
            "operationId: orders_fetch",
        )])),
    );
    assert_eq!(
        listed(&removed),
        [
            (
                Class::Additive,
                "`orders().fetch()` · `GET /v1/orders/{order_id}`",
                "operation added"
            ),
            (
                Class::Breaking,
                "`orders().get()` · `GET /v1/orders/{order_id}`",
                "operation removed"
            ),
        ]
    );
}

#[test]
fn error_statuses_are_docs_and_the_return_type_is_breaking() {
    let changes = changes(&[(
        "          description: The order.\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/order'}\n",
        "          description: The order.\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/order_create'}\n        \"404\":\n          description: No such order.\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/error'}\n",
    )]);
    assert_eq!(
        listed(&changes),
        [
            (
                Class::Docs,
                "`orders().get()` · `GET /v1/orders/{order_id}`",
                "response `404` documented"
            ),
            (
                Class::Breaking,
                "`orders().get()` · `GET /v1/orders/{order_id}`",
                "`send()` returns `Response<OrderCreate>` (was `Response<Order>`)"
            ),
        ]
    );
}

#[test]
fn union_variants_appended_add_and_inserted_break() {
    let bank = "    cash:\n      type: object\n      required: [currency]\n      properties:\n        currency: {type: string}\n    card:\n";
    let appended = changes(&[
        (
            "        - {$ref: '#/components/schemas/transfer'}\n",
            "        - {$ref: '#/components/schemas/transfer'}\n        - {$ref: '#/components/schemas/cash'}\n",
        ),
        ("    card:\n", bank),
    ]);
    assert_eq!(
        listed(&appended),
        [
            (Class::Additive, "`Cash` · responses", "struct added"),
            (
                Class::Additive,
                "`Payment` · responses",
                "variant `Payment::Cash(Cash)` added"
            ),
        ]
    );
    let inserted = changes(&[
        (
            "        - {$ref: '#/components/schemas/card'}\n",
            "        - {$ref: '#/components/schemas/cash'}\n        - {$ref: '#/components/schemas/card'}\n",
        ),
        ("    card:\n", bank),
    ]);
    assert_eq!(
        listed(&inserted)[1],
        (
            Class::Breaking,
            "`Payment` · responses",
            "variant `Payment::Cash(Cash)` added, before others: values they took may now \
             decode as it"
        )
    );
}

#[test]
fn a_struct_built_only_by_a_literal_breaks_on_any_new_field() {
    // Eight required fields are more than `new` takes, and a date has no `Default`.
    let wide = "    wide:\n      type: object\n      required: [a, b, c, d, e, f, g, h]\n      properties:\n        a: {type: string, format: date}\n        b: {type: string}\n        c: {type: string}\n        d: {type: string}\n        e: {type: string}\n        f: {type: string}\n        g: {type: string}\n        h: {type: string}\n";
    let note = "        note: {type: string}\n";
    let base = edited(&[("    card:\n", &format!("{wide}    card:\n"))]);
    let with_note = base.replace(
        "        h: {type: string}\n",
        &format!("        h: {{type: string}}\n{note}"),
    );
    let changes = compare(&model(&base), &model(&with_note));
    assert_eq!(
        listed(&changes),
        [(
            Class::Breaking,
            "`Wide` · requests and responses",
            "optional field `note: Option<String>` added: `Wide` has neither `new` nor \
             `Default`, so building one takes a literal that names every field"
        )]
    );
}

#[test]
fn deprecation_is_additive() {
    let changes = changes(&[(
        "      summary: Get an order.\n",
        "      summary: Get an order.\n      deprecated: true\n",
    )]);
    assert_eq!(
        listed(&changes),
        [(
            Class::Additive,
            "`orders().get()` · `GET /v1/orders/{order_id}`",
            "the operation deprecated"
        )]
    );
}

#[test]
fn the_bump_follows_cargo_rules_for_each_kind_of_version() {
    let to = |worst, version: &str| {
        Bump::of(worst, &Version::parse(version).unwrap())
            .to
            .to_string()
    };
    assert_eq!(to(Some(Class::Breaking), "0.1.0"), "0.2.0");
    assert_eq!(to(Some(Class::Additive), "0.1.0"), "0.1.1");
    assert_eq!(to(Some(Class::Docs), "0.1.3"), "0.1.4");
    assert_eq!(to(Some(Class::Breaking), "0.0.3"), "0.0.4");
    assert_eq!(to(Some(Class::Docs), "0.0.3"), "0.0.4");
    assert_eq!(to(Some(Class::Breaking), "1.2.3"), "2.0.0");
    assert_eq!(to(Some(Class::Additive), "1.2.3"), "1.3.0");
    assert_eq!(to(Some(Class::Docs), "1.2.3"), "1.2.4");
    assert_eq!(to(None, "1.2.3"), "1.2.3");
}

#[test]
fn a_spec_of_several_files_is_compared_through_its_references() {
    let root = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /things:\n    get:\n      operationId: things_list\n      tags: [things]\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: 'parts/thing.yaml#/components/schemas/thing'}\n";
    let part = |extra: &str| {
        format!(
            "components:\n  schemas:\n    thing:\n      type: object\n      properties:\n        name: {{type: string}}\n{extra}"
        )
    };
    let model = |part: String| {
        let files = InMemory(vec![
            (PathBuf::from("api/root.yaml"), root.to_owned()),
            (PathBuf::from("api/parts/thing.yaml"), part),
        ]);
        crate::model_from(&files, Path::new("api/root.yaml"))
            .unwrap()
            .api
    };
    let changes = compare(
        &model(part("")),
        &model(part("        size: {type: integer}\n")),
    );
    assert_eq!(
        listed(&changes),
        [(
            Class::Additive,
            "`Thing` · responses",
            "optional field `size: Option<i64>` added"
        )]
    );
}

#[test]
fn an_error_response_with_another_body_changes_the_crate_s_error_body() {
    let changes = changes(&[
        ("  title: Shop\n", "  title: The Shop\n"),
        ("https://api.example.com", "https://api.example.com/v2"),
        (
            "          description: The order.\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/order'}\n",
            "          description: The order.\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/order'}\n        \"404\":\n          description: No such order.\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/card'}\n",
        ),
    ]);
    assert_eq!(
        listed(&changes),
        [
            (Class::Docs, "", "API title `The Shop` (was `Shop`)"),
            (
                Class::Breaking,
                "",
                "`DEFAULT_BASE_URL` is `https://api.example.com/v2` (was \
                 `https://api.example.com`): requests go elsewhere unless the client sets one"
            ),
            (
                Class::Breaking,
                "",
                "`ErrorBody`, the body of every API error, is `serde_json::Value` (was \
                 `crate::models::Error`)"
            ),
            (
                Class::Docs,
                "`orders().get()` · `GET /v1/orders/{order_id}`",
                "response `404` documented"
            ),
        ]
    );
    insta::assert_snapshot!(report(&changes));
}

#[test]
fn request_bodies_made_optional_or_given_a_second_format() {
    let changes = changes(&[(
        "      requestBody:\n        required: true\n        content:\n          application/json:\n            schema: {$ref: '#/components/schemas/order_create'}\n",
        "      requestBody:\n        content:\n          application/json:\n            schema: {$ref: '#/components/schemas/order_create'}\n          application/yaml:\n            schema: {$ref: '#/components/schemas/order_create'}\n",
    )]);
    assert_eq!(
        listed(&changes),
        [
            (
                Class::Breaking,
                "`orders().create()` · `POST /v1/orders`",
                "the request body is now optional: set with `.body()`, no longer an argument of \
                 `create()`"
            ),
            (
                Class::Additive,
                "`orders().create()` · `POST /v1/orders`",
                "the request body is sent as JSON or YAML: new setter `.content_type()`"
            ),
        ]
    );
}

#[test]
fn a_second_success_body_changes_what_send_returns() {
    let changes = changes(&[(
        "        \"201\":\n          description: The new order.\n",
        "        \"200\":\n          description: The order existed already.\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/error'}\n        \"201\":\n          description: The new order.\n",
    )]);
    assert_eq!(
        listed(&changes),
        [
            (
                Class::Docs,
                "`orders().create()` · `POST /v1/orders`",
                "response `200` documented"
            ),
            (
                Class::Breaking,
                "`orders().create()` · `POST /v1/orders`",
                "`send()` returns `Response<OrdersCreateSuccess>` (was `Response<Order>`)"
            ),
        ]
    );
}

#[test]
fn a_query_pair_fixed_by_the_path_template_changes_the_request() {
    let changes = changes(&[(
        "  /v1/orders/{order_id}:\n",
        "  /v1/orders/{order_id}?view=full:\n",
    )]);
    let subject = "`orders().get()` · `GET /v1/orders/{order_id}?view=full`";
    assert_eq!(
        listed(&changes),
        [
            (
                Class::Breaking,
                subject,
                "sends `GET /v1/orders/{order_id}?view=full` (was `GET /v1/orders/{order_id}`)"
            ),
            (
                Class::Breaking,
                subject,
                "sends the fixed query `view=full` (was none)"
            ),
        ]
    );
}

#[test]
fn a_type_whose_name_changes_is_reported_renamed_and_compared_under_its_new_name() {
    let changes = changes(&[(
        "              schema:\n                type: object\n                required: [orders]",
        "              schema:\n                title: Order page\n                description: A page of orders.\n                type: object\n                required: [orders]",
    )]);
    assert_eq!(
        listed(&changes),
        [
            (
                Class::Breaking,
                "`orders().list()` · `GET /v1/orders`",
                "`send()` returns `Response<OrderPage>` (was `Response<OrdersListResponse>`)"
            ),
            (
                Class::Docs,
                "`OrderPage` · responses",
                "description changed"
            ),
            (
                Class::Breaking,
                "`OrdersListResponse` · responses",
                "renamed to `OrderPage`"
            ),
        ]
    );
}

#[test]
fn two_types_that_become_identical_are_reported_merged() {
    let get = |extra: &str| {
        edited(&[(
            "          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/order'}\ncomponents:",
            &format!(
                "          content:\n            application/json:\n              schema:\n                type: object\n                required: [orders]\n                properties:\n{extra}                  orders:\n                    type: array\n                    items: {{$ref: '#/components/schemas/order'}}\ncomponents:"
            ),
        )])
    };
    let (before, after) = (
        model(&get("                  more: {type: boolean}\n")),
        model(&get("")),
    );
    assert_eq!(
        listed(&compare(&before, &after)),
        [
            (
                Class::Breaking,
                "`orders().list()` · `GET /v1/orders`",
                "`send()` returns `Response<OrdersGetResponse>` (was `Response<OrdersListResponse>`)"
            ),
            (
                Class::Breaking,
                "`OrdersGetResponse` · responses",
                "field `more` removed"
            ),
            (
                Class::Breaking,
                "`OrdersListResponse` · responses",
                "merged into `OrdersGetResponse`, the same type written elsewhere"
            ),
        ]
    );
    let page = after
        .types
        .iter()
        .find(|def| def.name == "OrdersGetResponse")
        .unwrap();
    // Described first by the listing, and again by the reading of one order.
    assert_eq!(
        page.origin,
        "#/paths/~1v1~1orders/get/responses/200/content/application~1json/schema"
    );
    assert_eq!(
        page.copies,
        ["#/paths/~1v1~1orders~1{order_id}/get/responses/200/content/application~1json/schema"]
    );
}
