FROM node:18-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
RUN npm install -g pm2 \
    && npm run build \
    && npm cache clean --force \
    && rm -rf /tmp/*
RUN npm install && \
    npm run build && npm cache clean --force
RUN set -e; npm install; npm cache clean --force; node scripts/postinstall.js
RUN for d in a b; do (cd $d && npm install); done && npm cache clean --force && echo done
CMD ["node", "server.js"]
