FROM python:3.11
RUN curl -fsSL https://example.com/config.tar.gz -o /tmp/c.tgz \
 && tar -xzf /tmp/c.tgz -C /etc
RUN git clone --depth 1 https://github.com/example/lib.git /opt/lib && pip install psycopg2==2.9.9
CMD ["python", "-m", "lib"]
