FROM python:3.12-slim
RUN useradd -m app
COPY --chown=app:app --from=builder /build/out /srv/app/out
RUN chown app:app /srv/app/out
