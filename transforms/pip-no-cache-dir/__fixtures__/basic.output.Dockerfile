FROM python:3.11-slim
# café: non-ASCII text before an edit point
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
RUN pip3 install --no-cache-dir --upgrade pip setuptools \
    && python3 -m pip install --no-cache-dir flask \
    && /usr/local/bin/pip3.11 --disable-pip-version-check install --no-cache-dir gunicorn==21.2.0
RUN python -u -m pip install --no-cache-dir -q uvicorn && sudo -H pip install --no-cache-dir x
RUN cat extra.txt | xargs -n1 pip install --no-cache-dir
RUN if [ -f dev.txt ]; then pip install --no-cache-dir -r dev.txt || true; fi
RUN env LANG=C.UTF-8 pip install --no-cache-dir "install" && pip download wheel-only
CMD ["python", "app.py"]
