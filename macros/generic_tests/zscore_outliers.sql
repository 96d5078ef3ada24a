{#- Outlier check: rows whose column is more than max_zscore standard deviations above the mean.
    Meant for severity warn: outliers deserve a look, not a stopped pipeline. -#}
{% test zscore_outliers(model, column_name, max_zscore=4) %}
with stats as (
  select avg({{ column_name }}) as mean_value, stddev_samp({{ column_name }}) as stddev_value
  from {{ model }}
)
select m.*
from {{ model }} as m
cross join stats
where stats.stddev_value > 0
  and (m.{{ column_name }} - stats.mean_value) / stats.stddev_value > {{ max_zscore }}
{% endtest %}
