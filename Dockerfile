# Production image: gunicorn serves the portal, whitenoise its static files.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 TYM_VAR_DIR=/var/lib/tym
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext libpango-1.0-0 libpangoft2-1.0-0 \
       libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --no-cache-dir ".[s3]"
COPY . .
RUN SECRET_KEY=build python manage.py compilemessages --ignore=.venv -v 0 \
    && SECRET_KEY=build python manage.py collectstatic --no-input -v 0 \
    && useradd --system --home /var/lib/tym tym && mkdir -p /var/lib/tym && chown tym /var/lib/tym
USER tym
EXPOSE 8000
CMD ["gunicorn", "tym.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
