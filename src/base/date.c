/* Calendar arithmetic for partial ISO dates. Day counting uses the
 * days-from-civil algorithm (proleptic Gregorian), which is exact and needs
 * no tables or time zone state. */
#include "base/date.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

static bool digits(const char *s, size_t n, int *out)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

bool date_parse(const char *s, size_t len, struct pf_date *out)
{
    struct pf_date d = {0, 1, 1, PF_DATE_YEAR};

    if (len != 4 && len != 7 && len != 10)
        return false;
    if (!digits(s, 4, &d.y) || d.y < 1000)
        return false;
    if (len >= 7) {
        if (s[4] != '-' || !digits(s + 5, 2, &d.m) || d.m < 1 || d.m > 12)
            return false;
        d.prec = PF_DATE_MONTH;
    }
    if (len == 10) {
        if (s[7] != '-' || !digits(s + 8, 2, &d.d) || d.d < 1 ||
            d.d > month_days(d.y, d.m))
            return false;
        d.prec = PF_DATE_DAY;
    }
    *out = d;
    return true;
}

static void format(int y, int m, int d, char out[11])
{
    char tmp[48]; /* room for any int, to keep the compiler's checks calm */
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
    memcpy(out, tmp, 10);
    out[10] = '\0';
}

void date_start(const struct pf_date *d, char out[11])
{
    format(d->y, d->prec >= PF_DATE_MONTH ? d->m : 1,
           d->prec == PF_DATE_DAY ? d->d : 1, out);
}

void date_end(const struct pf_date *d, char out[11])
{
    int m = d->prec >= PF_DATE_MONTH ? d->m : 12;
    int day = d->prec == PF_DATE_DAY ? d->d : month_days(d->y, m);
    format(d->y, m, day, out);
}

/* Howard Hinnant's days_from_civil / civil_from_days. */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

bool date_add_days(const char *in, long days, char out[11])
{
    struct pf_date d;
    size_t n = 0;
    while (n < 11 && in[n])
        n++;
    if (!date_parse(in, n, &d) || d.prec != PF_DATE_DAY)
        return false;
    int y, m, dd;
    civil_from_days(days_from_civil(d.y, d.m, d.d) + days, &y, &m, &dd);
    format(y, m, dd, out);
    return true;
}

void date_today(char out[11])
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    format(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, out);
}
