FROM python:3.12 AS build
RUN apt-get update && apt-get install -y --no-install-recommends gcc libffi-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /srv
COPY requirements.txt .
RUN python -m venv --system-site-packages /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN groupadd -r app && useradd -r -g app app
RUN pip uninstall -y pip

FROM python:3.12-slim
WORKDIR /srv
COPY --from=build /opt/venv /opt/venv
COPY --from=build /srv /srv
ENV PATH="/opt/venv/bin:$PATH"
# slimify: fail the build when a compiled module needs a shared library this image lacks
RUN ! find /opt/venv -name '*.so*' -type f -exec ldd {} + 2>/dev/null | grep -F 'not found'
RUN groupadd -r app && useradd -r -g app app
USER app
EXPOSE 8000
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]
