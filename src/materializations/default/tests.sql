{#- Built-in generic data tests. Each selects the failing rows; the runner counts them.
    `get_where_subquery` applies a test's `where` config to the tested relation. -#}
{% macro get_where_subquery(relation) -%}
  {%- set where = config.get('where') -%}
  {%- if where -%}
(select * from {{ relation }} where {{ where }}) as dbt_subquery
  {%- else -%}
{{ relation }}
  {%- endif -%}
{%- endmacro %}

{% macro test_not_null(model, column_name) -%}
  {{ return(adapter.dispatch('test_not_null')(model, column_name)) }}
{%- endmacro %}

{% macro default__test_not_null(model, column_name) -%}
select {{ column_name }}
from {{ model }}
where {{ column_name }} is null
{%- endmacro %}

{% macro test_unique(model, column_name) -%}
  {{ return(adapter.dispatch('test_unique')(model, column_name)) }}
{%- endmacro %}

{% macro default__test_unique(model, column_name) -%}
select
    {{ column_name }} as unique_field,
    count(*) as n_records
from {{ model }}
where {{ column_name }} is not null
group by {{ column_name }}
having count(*) > 1
{%- endmacro %}

{% macro test_accepted_values(model, column_name, values, quote=True) -%}
  {{ return(adapter.dispatch('test_accepted_values')(model, column_name, values, quote)) }}
{%- endmacro %}

{% macro default__test_accepted_values(model, column_name, values, quote=True) -%}
with all_values as (
    select
        {{ column_name }} as value_field,
        count(*) as n_records
    from {{ model }}
    group by {{ column_name }}
)
select *
from all_values
where value_field not in (
    {% for value in values -%}
    {% if quote %}'{{ value | replace("'", "''") }}'{% else %}{{ value }}{% endif %}{% if not loop.last %}, {% endif %}
    {%- endfor %}
)
{%- endmacro %}

{% macro test_relationships(model, column_name, to, field) -%}
  {{ return(adapter.dispatch('test_relationships')(model, column_name, to, field)) }}
{%- endmacro %}

{% macro default__test_relationships(model, column_name, to, field) -%}
with child as (
    select {{ column_name }} as from_field
    from {{ model }}
    where {{ column_name }} is not null
),
parent as (
    select {{ field }} as to_field
    from {{ to }}
)
select from_field
from child
left join parent
    on child.from_field = parent.to_field
where parent.to_field is null
{%- endmacro %}

{#- How a test's failing rows become one result row: failures, and whether they cross the
    warn/error thresholds is decided in TypeScript from the count. -#}
{% macro get_test_sql(main_sql, fail_calc, limit) -%}
  {{ return(adapter.dispatch('get_test_sql')(main_sql, fail_calc, limit)) }}
{%- endmacro %}

{% macro default__get_test_sql(main_sql, fail_calc, limit) -%}
select {{ fail_calc }} as failures
from (
{{ main_sql }}
{% if limit is not none %}limit {{ limit }}{% endif %}
) as dbt_internal_test
{%- endmacro %}
