FROM golang:1.19
WORKDIR /app
COPY . .
RUN go build -o /app/server .
ENTRYPOINT ["./docker-entrypoint.sh"]
CMD ["/app/server"]
