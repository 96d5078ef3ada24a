{#- A stable hashed key from business columns (md5 exists on both engines). NULLs become a
    marker so (1, NULL) and (NULL, 1) hash differently. -#}
{% macro surrogate_key(columns) -%}
  md5({% for column in columns %}coalesce(cast({{ column }} as varchar), '_null_'){{ " || '|' || " if not loop.last }}{% endfor %})
{%- endmacro %}

{#- YYYYMMDD as an integer: the date dimension's key. -#}
{% macro date_key(expression) -%}
  (extract(year from {{ expression }}) * 10000 + extract(month from {{ expression }}) * 100 + extract(day from {{ expression }}))
{%- endmacro %}

{#- An order's place in its lifecycle: a re-sent order with a later status is the newer version. -#}
{% macro order_status_rank(column) -%}
  case {{ column }} when 'placed' then 1 when 'shipped' then 2 when 'delivered' then 3
    when 'cancelled' then 3 when 'returned' then 4 else 0 end
{%- endmacro %}
