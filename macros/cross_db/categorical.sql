{#- A text column whose values come from a short known list (event types, devices). DuckDB
    stores it as an ENUM: one byte per row to write, scan, compare and group instead of a
    string, which matters on tables of millions of rows; a value outside the list becomes
    NULL, so apply it to rows that passed the accepted-values rules. Other engines keep the
    text (Snowflake compresses it on its own). Comparisons with string literals work either way. -#}
{% macro categorical(expression, values) -%}
  {{ return(adapter.dispatch('categorical')(expression, values)) }}
{%- endmacro %}

{% macro default__categorical(expression, values) -%}
  {{ expression }}
{%- endmacro %}

{% macro duckdb__categorical(expression, values) -%}
  try_cast({{ expression }} as enum({% for value in values %}'{{ value | replace("'", "''") }}'{{ ", " if not loop.last }}{% endfor %}))
{%- endmacro %}
