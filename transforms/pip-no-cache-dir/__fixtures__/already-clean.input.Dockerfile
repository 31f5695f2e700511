FROM python:3.11-slim
RUN pip install --no-cache-dir -r requirements.txt
RUN pip --no-cache-dir install flask
RUN PIP_NO_CACHE_DIR=1 pip install requests
RUN export PIP_NO_CACHE_DIR=off && pip install six
RUN pip download -d /wheels flask && pip wheel -w /wheels flask && pip uninstall -y six
RUN command -v pip && pip --version
FROM python:3.11-slim AS other
ENV PIP_NO_CACHE_DIR=1
RUN pip install flask
FROM other
RUN pip install gunicorn
