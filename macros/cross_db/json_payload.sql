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
