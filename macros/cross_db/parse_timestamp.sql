{#- Text → timestamp, NULL when the text is not an ISO-8601 UTC timestamp
    (`2026-01-01T10:00:00Z` or `2026-01-01 10:00:00`). Snowflake gets an explicit format so
    a local date like `05/01/2026 10:00` is rejected instead of being read as May 1st. -#}
{% macro parse_timestamp(expression) -%}
  {{ return(adapter.dispatch('parse_timestamp')(expression)) }}
{%- endmacro %}

{% macro default__parse_timestamp(expression) -%}
  try_cast({{ expression }} as timestamp)
{%- endmacro %}

{% macro duckdb__parse_timestamp(expression) -%}
  try_cast({{ expression }} as timestamp)
{%- endmacro %}

{% macro snowflake__parse_timestamp(expression) -%}
  coalesce(
    try_to_timestamp_ntz({{ expression }}, 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
    try_to_timestamp_ntz({{ expression }}, 'YYYY-MM-DD HH24:MI:SS')
  )
{%- endmacro %}

{#- The current time as a timestamp without time zone (UTC on both engines' defaults). -#}
{% macro current_ts() -%}
  {{ return(adapter.dispatch('current_ts')()) }}
{%- endmacro %}

{% macro default__current_ts() -%}
  cast(current_timestamp as timestamp)
{%- endmacro %}

{% macro snowflake__current_ts() -%}
  convert_timezone('UTC', current_timestamp())::timestamp_ntz
{%- endmacro %}
