FROM node:20-bookworm AS build
LABEL org.opencontainers.image.source="https://example.com/web"
WORKDIR /srv/web
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile
COPY . .
# Vite writes dist/
RUN yarn build
ENV PORT=8080
EXPOSE 8080
USER node
CMD ["npx", "http-server", "dist", "-p", "8080", "-c-1"]

FROM nginx:stable-alpine
LABEL org.opencontainers.image.source="https://example.com/web"
COPY --from=build /srv/web/dist /usr/share/nginx/html
EXPOSE 80
