FROM python:3.12-slim
RUN useradd -m app
COPY --from=builder /build/out /srv/app/out
RUN chown -R app:app /srv/app/out
