FROM python:3.11-slim
# café: non-ASCII text before an edit point
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
RUN pip3 install --upgrade pip setuptools \
    && python3 -m pip install flask \
    && /usr/local/bin/pip3.11 --disable-pip-version-check install gunicorn==21.2.0
RUN python -u -m pip install -q uvicorn && sudo -H pip install x
RUN cat extra.txt | xargs -n1 pip install
RUN if [ -f dev.txt ]; then pip install -r dev.txt || true; fi
RUN env LANG=C.UTF-8 pip install "install" && pip download wheel-only
CMD ["python", "app.py"]
