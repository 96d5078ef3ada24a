{#- The raw record as JSON text for audit.quarantine_records: a JSON object of `columns`. -#}
{% macro json_payload(columns) -%}
  {{ return(adapter.dispatch('json_payload')(columns)) }}
{%- endmacro %}

{% macro default__json_payload(columns) -%}
  cast(json_object({% for column in columns %}'{{ column }}', {{ column }}{{ ", " if not loop.last }}{% endfor %}) as varchar)
{%- endmacro %}

{% macro snowflake__json_payload(columns) -%}
  to_varchar(object_construct_keep_null({% for column in columns %}'{{ column }}', {{ column }}{{ ", " if not loop.last }}{% endfor %}))
{%- endmacro %}

{#- A base model's rejected row as JSON of its raw `columns`, NULL for a clean row (the JSON is
    built only for the few rows that need it; quarantine_records reads it). -#}
{% macro rejected_record(columns) -%}
  case when rejection_reason is not null then {{ json_payload(columns) }} end
{%- endmacro %}
