{#- Snowflake snapshots. Meta timestamps are TIMESTAMP_NTZ in UTC. -#}
{% macro snowflake__snapshot_get_time() -%}
cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S.%f") }}' as timestamp_ntz)
{%- endmacro %}

{#- TIMESTAMP_TZ / TIMESTAMP_LTZ carry an offset: convert to UTC before dropping it, so a
    plain cast does not keep the local wall clock. -#}
{% macro snowflake__snapshot_utc_timestamp(expression, data_type) -%}
{%- set type = data_type | upper -%}
{%- if 'TIMESTAMP_TZ' in type or 'TIMESTAMP_LTZ' in type or 'TIME ZONE' in type -%}
cast(convert_timezone('UTC', {{ expression }}) as timestamp_ntz)
{%- else -%}
cast({{ expression }} as timestamp_ntz)
{%- endif -%}
{%- endmacro %}

{% macro snowflake__snapshot_current_valid_to(s) -%}
{%- if s.valid_to_current is none -%}
cast(null as timestamp_ntz)
{%- elif s.valid_to_current_is_literal -%}
cast('{{ s.valid_to_current }}' as timestamp_ntz)
{%- else -%}
cast({{ s.valid_to_current }} as timestamp_ntz)
{%- endif -%}
{%- endmacro %}

{#- Not transient (unlike models): snapshot history cannot be rebuilt from the source, so it
    keeps Snowflake's fail-safe unless the project sets transient=true. -#}
{% macro snowflake__create_snapshot_table(relation, sql) -%}
{%- set transient = config.get('transient', false) -%}
create or replace {% if transient %}transient {% endif %}table {{ relation }} as (
{{ sql }}
)
{%- endmacro %}
