from node:slim
copy index.js /index.js
cmd ["node", "/index.js"]
