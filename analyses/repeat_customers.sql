-- How many customers came back, overall and by value segment.
select 'all' as value_segment, ordering_customers, repeat_customers, repeat_customer_share
from {{ ref('repeat_customers') }}
union all
select
  value_segment,
  count(*),
  sum(case when orders >= 2 then 1 else 0 end),
  cast(sum(case when orders >= 2 then 1 else 0 end) as double) / count(*)
from {{ ref('customer_lifetime_value') }}
group by value_segment
