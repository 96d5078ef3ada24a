{#- DuckDB's `unique` test. The generic GROUP BY builds a hash table with one group per value,
    which on a key column (every value distinct: the passing case) means millions of groups.
    Here the values' 64-bit hashes are sorted instead and only values whose hash occurs twice
    are grouped: about twice as fast on integer and string keys alike. A hash collision only
    sends two distinct values to the exact GROUP BY, which does not report them. -#}
{% macro duckdb__test_unique(model, column_name) -%}
select
    {{ column_name }} as unique_field,
    count(*) as n_records
from {{ model }}
where {{ column_name }} is not null
  and hash({{ column_name }}) in (
    select value_hash
    from (
        select value_hash, lag(value_hash) over (order by value_hash) as previous_hash
        from (select hash({{ column_name }}) as value_hash from {{ model }} where {{ column_name }} is not null) as hashed
    ) as sorted_hashes
    where value_hash = previous_hash
  )
group by {{ column_name }}
having count(*) > 1
{%- endmacro %}
