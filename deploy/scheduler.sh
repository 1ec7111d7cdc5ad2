#!/bin/sh
# Scheduled jobs of the portal for deployments without cron (deploy/compose.yaml, service "scheduler").
# Every job is safe to run on several nodes at once (each mail is claimed in the database before it is
# sent), so a second scheduler or a cron entry on an app node never sends anything twice.
set -u
state=/tmp/portal-scheduler
mkdir -p "$state"
while true; do
  python manage.py send_forum_notifications || true          # batched forum mails (every 5 minutes)
  python manage.py send_families_notifications || true       # batched mails of minitendry for families
  hour=$(date +%Y%m%d%H)
  if [ "$(cat "$state/hourly" 2>/dev/null)" != "$hour" ]; then
    python manage.py send_meeting_reminders || true          # meetings and portal events within 48 hours
    python manage.py send_term_reminders || true             # education terms within 48 hours
    echo "$hour" > "$state/hourly"
  fi
  day=$(date +%Y%m%d)
  if [ "$(date +%H)" -ge 6 ] && [ "$(cat "$state/daily" 2>/dev/null)" != "$day" ]; then
    python manage.py send_free_place_alerts || true          # daily digest of saved searches
    python manage.py send_capacity_reminders || true         # providers whose figures are outdated
    python manage.py apply_families_retention || true        # free text of finished family requests
    echo "$day" > "$state/daily"
  fi
  month=$(date +%Y%m)
  if [ "$(cat "$state/monthly" 2>/dev/null)" != "$month" ]; then
    python manage.py snapshot_indicators || true             # a point of every computed plan indicator's history
    echo "$month" > "$state/monthly"
  fi
  sleep 300
done
