{#- The last non-NULL value of `expression` in a window: where IGNORE NULLS goes differs by
    engine (inside the call on DuckDB, after it in standard SQL and on Snowflake). `window` is
    the text inside OVER (...). -#}
{% macro last_value_ignore_nulls(expression, window) -%}
  {{ return(adapter.dispatch('last_value_ignore_nulls')(expression, window)) }}
{%- endmacro %}

{% macro default__last_value_ignore_nulls(expression, window) -%}
  last_value({{ expression }}) ignore nulls over ({{ window }})
{%- endmacro %}

{% macro duckdb__last_value_ignore_nulls(expression, window) -%}
  last_value({{ expression }} ignore nulls) over ({{ window }})
{%- endmacro %}
