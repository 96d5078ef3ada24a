{#- The calendar: one row per day between var('calendar_start') and var('calendar_end'), with
    the retail fiscal calendar (the fiscal year starts on the first of
    var('fiscal_year_start_month'); FY2026 = 2026-02-01 .. 2027-01-31), weekends and holidays. -#}
{% set fiscal_start = var('fiscal_year_start_month') %}
with days as (
  {{ date_spine(var('calendar_start'), var('calendar_end')) }}
),

parts as (
  select
    date_day,
    cast(extract(year from date_day) as integer) as calendar_year,
    cast(extract(month from date_day) as integer) as calendar_month,
    cast(extract(day from date_day) as integer) as day_of_month,
    cast({{ iso_weekday('date_day') }} as integer) as iso_weekday
  from days
)

select
  cast({{ date_key('date_day') }} as integer) as date_key,
  parts.date_day,
  parts.calendar_year,
  cast(ceil(parts.calendar_month / 3.0) as integer) as calendar_quarter,
  parts.calendar_month,
  parts.day_of_month,
  {{ trunc_to_date('month', 'parts.date_day') }} as month_start,
  {{ trunc_to_date('week', 'parts.date_day') }} as week_start,
  parts.iso_weekday,
  case parts.iso_weekday
    when 1 then 'Monday' when 2 then 'Tuesday' when 3 then 'Wednesday' when 4 then 'Thursday'
    when 5 then 'Friday' when 6 then 'Saturday' else 'Sunday'
  end as weekday_name,
  parts.iso_weekday >= 6 as is_weekend,
  case when parts.calendar_month >= {{ fiscal_start }} then parts.calendar_year else parts.calendar_year - 1 end as fiscal_year,
  mod(parts.calendar_month - {{ fiscal_start }} + 12, 12) + 1 as fiscal_month,
  cast(ceil((mod(parts.calendar_month - {{ fiscal_start }} + 12, 12) + 1) / 3.0) as integer) as fiscal_quarter,
  holidays.holiday_date is not null as is_holiday,
  holidays.holiday_name
from parts
left join {{ ref('holidays') }} as holidays on cast(holidays.holiday_date as date) = parts.date_day
