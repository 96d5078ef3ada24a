{#- Volume rule: the model (or each group of it) has between min_value and max_value rows.
    Fails with one row per offending group. -#}
{% test row_count_between(model, min_value, max_value, group_by=none) %}
with counts as (
  select
    {% if group_by %}{{ group_by }} as group_value,{% else %}'all rows' as group_value,{% endif %}
    count(*) as row_count
  from {{ model }}
  {% if group_by %}group by {{ group_by }}{% endif %}
)
select group_value, row_count, {{ min_value }} as min_value, {{ max_value }} as max_value
from counts
where row_count < {{ min_value }} or row_count > {{ max_value }}
{% endtest %}
